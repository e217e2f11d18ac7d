package dev.hive.relay.store.sqlite;

import dev.hive.relay.stats.StoreInfo;
import dev.hive.relay.store.Journal.DeviceRecordKind;
import dev.hive.relay.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteJournalTest {

    @TempDir
    Path tmp;

    /** A deterministic body per (room, seq), so a reader can check any row on its own. */
    static byte[] body(String room, long seq) {
        Random r = new Random(room.hashCode() * 31L + seq);
        int len = 1 + r.nextInt(1500);
        StringBuilder sb = new StringBuilder(len + 40).append("{\"room\":\"").append(room).append("\",\"seq\":")
                .append(seq).append(",\"pad\":\"");
        for (int i = 0; i < len; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void concurrentAppendsShareCommitsAndSurviveReopen() throws Exception {
        int threads = 8;
        int perThread = 400;
        Path dir = tmp.resolve("data");
        StoreInfo info;
        try (SqliteJournal journal = SqliteJournal.open(dir);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String[] rooms = {"room-" + t + "-a", "room-" + t + "-b"};
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String room = rooms[i % 2];
                        long seq = i / 2 + 1;
                        journal.appendEnvelope(room, seq, 1_000L + seq, "key-" + room + "-" + seq,
                                body(room, seq)).join();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            info = journal.info();
        }
        assertEquals("sqlite", info.kind());
        assertEquals(dir.resolve("relay.db").toAbsolutePath().toString(), info.path());
        assertEquals(threads * perThread, info.envelopesCommitted());
        assertTrue(info.sizeBytes() > 0);
        assertTrue(info.commits() < info.envelopesCommitted(),
                "no group commit: " + info.commits() + " commits for " + info.envelopesCommitted() + " envelopes");

        try (SqliteJournal journal = SqliteJournal.open(dir)) {
            RecordingLoader loaded = RecordingLoader.load(journal);
            assertEquals(threads * 2, loaded.lastSeq.size());
            for (int t = 0; t < threads; t++) {
                for (String room : List.of("room-" + t + "-a", "room-" + t + "-b")) {
                    assertEquals(perThread / 2, loaded.lastSeq.get(room));
                    List<RecordingLoader.Envelope> rows = loaded.envelopes.get(room);
                    assertEquals(perThread / 2, rows.size());
                    for (int i = 0; i < rows.size(); i++) {
                        RecordingLoader.Envelope row = rows.get(i);
                        long seq = i + 1;
                        assertEquals(seq, row.seq());
                        assertEquals(1_000L + seq, row.receivedAt());
                        assertEquals("key-" + room + "-" + seq, row.dedupKey());
                        assertArrayEquals(body(room, seq), row.body());
                    }
                }
            }
        }
    }

    @Test
    void pruningNeverRewindsTheSequence() {
        Path dir = tmp.resolve("data");
        try (SqliteJournal journal = SqliteJournal.open(dir)) {
            for (long seq = 1; seq <= 10; seq++) {
                journal.appendEnvelope("r", seq, seq, "k" + seq, body("r", seq)).join();
            }
            journal.prune("r", 4);
        }
        try (SqliteJournal journal = SqliteJournal.open(dir)) {
            RecordingLoader loaded = RecordingLoader.load(journal);
            assertEquals(10, loaded.lastSeq.get("r"));
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L),
                    loaded.envelopes.get("r").stream().map(RecordingLoader.Envelope::seq).toList());
            assertEquals("k5", loaded.envelopes.get("r").getFirst().dedupKey());
            journal.prune("r", 10);
        }
        try (SqliteJournal journal = SqliteJournal.open(dir)) {
            RecordingLoader loaded = RecordingLoader.load(journal);
            assertEquals(10, loaded.lastSeq.get("r"));
            assertTrue(loaded.envelopes.isEmpty());
            journal.appendEnvelope("r", 11, 11, "k11", body("r", 11)).join();
        }
        try (SqliteJournal journal = SqliteJournal.open(dir)) {
            RecordingLoader loaded = RecordingLoader.load(journal);
            assertEquals(11, loaded.lastSeq.get("r"));
            assertEquals(1, loaded.envelopes.get("r").size());
        }
    }

    @Test
    void keyringOrderAndDeviceUpsertsSurviveReopen() {
        Path dir = tmp.resolve("data");
        try (SqliteJournal journal = SqliteJournal.open(dir)) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                writes.add(journal.appendKeyring("k", utf8("{\"version\":" + i + "}")));
                writes.add(journal.appendKeyring("other", utf8("[" + i + "]")));
            }
            writes.add(journal.putDeviceRecord("k", DeviceRecordKind.PRESENCE, "d1", utf8("1"), 100));
            writes.add(journal.putDeviceRecord("k", DeviceRecordKind.PRESENCE, "d1", utf8("2"), 200));
            writes.add(journal.putDeviceRecord("k", DeviceRecordKind.CANDIDATES, "d1", utf8("\"c\""), 150));
            writes.add(journal.putDeviceRecord("k", DeviceRecordKind.PRESENCE, "d2", new byte[0], 300));
            writes.forEach(CompletableFuture::join);
        }
        try (SqliteJournal journal = SqliteJournal.open(dir)) {
            RecordingLoader loaded = RecordingLoader.load(journal);
            assertEquals(0L, loaded.lastSeq.get("k"), "rooms with only a keyring are reported too");
            List<String> blobs = loaded.keyring.get("k").stream().map(SqliteJournalTest::text).toList();
            assertEquals(List.of("{\"version\":1}", "{\"version\":2}", "{\"version\":3}", "{\"version\":4}",
                    "{\"version\":5}"), blobs);
            assertEquals(5, loaded.keyring.get("other").size());
            assertEquals("2", text(loaded.devices.get("k/PRESENCE/d1").data()));
            assertEquals(200, loaded.devices.get("k/PRESENCE/d1").seenAt());
            assertEquals("\"c\"", text(loaded.devices.get("k/CANDIDATES/d1").data()));
            assertEquals(0, loaded.devices.get("k/PRESENCE/d2").data().length);
            assertEquals(3, loaded.devices.size());
        }
    }

    @Test
    void reusedSequenceIsRefusedAloneAndTheRestCommits() {
        try (SqliteJournal journal = SqliteJournal.open(tmp)) {
            journal.appendEnvelope("r", 1, 1, "a", utf8("1")).join();
            CompletableFuture<Void> dup = journal.appendEnvelope("r", 1, 1, "b", utf8("2"));
            CompletableFuture<Void> next = journal.appendEnvelope("r", 2, 2, "c", utf8("3"));
            CompletionException e = assertThrows(CompletionException.class, dup::join);
            assertInstanceOf(StoreException.class, e.getCause());
            next.join();
            journal.appendEnvelope("r", 3, 3, "d", utf8("4")).join();
            RecordingLoader loaded = RecordingLoader.load(journal);
            assertEquals(List.of("1", "3", "4"),
                    loaded.envelopes.get("r").stream().map(r -> text(r.body())).toList());
            assertTrue(journal.problem().isEmpty());
        }
    }

    @Test
    void closeDrainsIsIdempotentAndRefusesLaterWrites() {
        Path dir = tmp.resolve("data");
        SqliteJournal journal = SqliteJournal.open(dir);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (long seq = 1; seq <= 2000; seq++) {
            writes.add(journal.appendEnvelope("r", seq, seq, null, body("r", seq)));
        }
        journal.close();
        writes.forEach(f -> assertTrue(f.isDone() && !f.isCompletedExceptionally()));
        journal.close();
        CompletionException e = assertThrows(CompletionException.class,
                () -> journal.appendEnvelope("r", 2001, 0, null, utf8("1")).join());
        assertInstanceOf(StoreException.class, e.getCause());
        assertTrue(journal.problem().isPresent());
        journal.prune("r", 5); // ignored, no exception
        assertEquals(0, Files.exists(dir.resolve("relay.db-wal")) ? sizeOf(dir.resolve("relay.db-wal")) : 0,
                "the log is checkpointed away on close");
        try (SqliteJournal reopened = SqliteJournal.open(dir)) {
            RecordingLoader loaded = RecordingLoader.load(reopened);
            assertEquals(2000, loaded.envelopes.get("r").size());
            assertEquals(null, loaded.envelopes.get("r").getFirst().dedupKey());
        }
    }

    @Test
    void fullDiskFailsTheBatchReportsAProblemAndRecovers() {
        try (SqliteJournal journal = SqliteJournal.open(tmp, 24)) {
            byte[] big = new byte[3000];
            long seq = 0;
            StoreException failure = null;
            while (failure == null && seq < 1000) {
                seq++;
                try {
                    journal.appendEnvelope("r", seq, seq, null, big).join();
                } catch (CompletionException e) {
                    failure = assertInstanceOf(StoreException.class, e.getCause());
                }
            }
            assertTrue(failure != null, "the page cap was never hit");
            assertTrue(failure.getMessage().contains("disk full"), failure.getMessage());
            assertTrue(failure.getMessage().contains(tmp.resolve("relay.db").toString()), failure.getMessage());
            String problem = journal.problem().orElseThrow();
            assertTrue(problem.contains("disk full"), problem);

            // Space freed by pruning is reused: the failed sequence can be written again.
            journal.prune("r", seq - 1);
            journal.appendEnvelope("r", seq, seq, null, utf8("{}")).join();
            assertTrue(journal.problem().isEmpty(), () -> journal.problem().get());
            RecordingLoader loaded = RecordingLoader.load(journal);
            assertEquals(seq, loaded.lastSeq.get("r"));
            assertEquals(1, loaded.envelopes.get("r").size());
        }
    }

    @Test
    void aDatabaseFileRemovedUnderTheRelayIsAProblem() throws Exception {
        try (SqliteJournal journal = SqliteJournal.open(tmp)) {
            journal.appendEnvelope("r", 1, 1, null, utf8("1")).join();
            Files.move(tmp.resolve("relay.db"), tmp.resolve("moved.db"));
            String problem = journal.problem().orElseThrow();
            assertTrue(problem.contains("relay.db"), problem);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
