package dev.hive.relay.store.sqlite;

import dev.hive.relay.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteJournalBackupTest {

    @TempDir
    Path tmp;

    @Test
    void backupWhileWritingHoldsAConsistentPrefixPerRoom() throws Exception {
        int writers = 4;
        Path dir = tmp.resolve("data");
        Path copy = tmp.resolve("restore/relay.db");
        Files.createDirectories(copy.getParent());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch warm = new CountDownLatch(writers);
        try (SqliteJournal journal = SqliteJournal.open(dir);
             ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<Long>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String room = "room-" + w;
                written.add(pool.submit(() -> {
                    long seq = 0;
                    while (!stop.get() || seq < 300) {
                        seq++;
                        journal.appendEnvelope(room, seq, seq, "k" + seq, SqliteJournalTest.body(room, seq)).join();
                        if (seq == 200) {
                            warm.countDown();
                        }
                        if (seq % 100 == 0) {
                            journal.prune(room, seq - 150); // the copy must also cope with a moving start
                        }
                    }
                    return seq;
                }));
            }
            warm.await();
            journal.backup(copy);
            stop.set(true);
            for (Future<Long> f : written) {
                assertTrue(f.get() >= 300);
            }
        }

        try (SqliteJournal restored = SqliteJournal.open(copy.getParent())) {
            RecordingLoader loaded = RecordingLoader.load(restored);
            assertEquals(writers, loaded.lastSeq.size());
            for (Map.Entry<String, Long> room : loaded.lastSeq.entrySet()) {
                List<RecordingLoader.Envelope> rows = loaded.envelopes.get(room.getKey());
                assertTrue(room.getValue() >= 200, "backup taken after 200 appends per room");
                assertEquals(room.getValue(), rows.getLast().seq(), "last_seq matches the newest row");
                long expected = rows.getFirst().seq();
                for (RecordingLoader.Envelope row : rows) {
                    assertEquals(expected++, row.seq(), "a gap in " + room.getKey());
                    assertArrayEquals(SqliteJournalTest.body(room.getKey(), row.seq()), row.body());
                }
            }
        }
    }

    @Test
    void backupRefusesToOverwriteAndWorksFromTheDirectoryOfAStoppedRelay() throws Exception {
        Path dir = tmp.resolve("data");
        try (SqliteJournal journal = SqliteJournal.open(dir)) {
            journal.appendEnvelope("r", 1, 1, null, SqliteJournalTest.body("r", 1)).join();
        }
        Path target = Files.writeString(tmp.resolve("existing.db"), "precious");
        StoreException e = assertThrows(StoreException.class, () -> SqliteJournal.backup(dir, target));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("precious", Files.readString(target));

        Path out = tmp.resolve("restore/relay.db");
        Files.createDirectories(out.getParent());
        SqliteJournal.backup(dir, out);
        try (SqliteJournal restored = SqliteJournal.open(out.getParent())) {
            assertEquals(1L, RecordingLoader.load(restored).lastSeq.get("r"));
        }

        StoreException missing = assertThrows(StoreException.class,
                () -> SqliteJournal.backup(tmp.resolve("nowhere"), tmp.resolve("x.db")));
        assertTrue(missing.getMessage().contains("no database"), missing.getMessage());
        assertTrue(!Files.exists(tmp.resolve("x.db")));
    }
}
