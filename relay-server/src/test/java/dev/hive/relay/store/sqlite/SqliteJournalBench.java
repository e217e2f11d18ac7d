package dev.hive.relay.store.sqlite;

import dev.hive.relay.stats.StoreInfo;
import dev.hive.relay.store.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Throughput and replay figures, not run by default:
 * {@code ./mvnw -B -pl relay-server test -Dtest=SqliteJournalBench -Dhive.bench=true}.
 */
class SqliteJournalBench {

    @TempDir
    Path tmp;

    @Test
    void appendThroughput() throws Exception {
        assumeTrue(Boolean.getBoolean("hive.bench"), "set -Dhive.bench=true");
        byte[] body = new byte[600];
        Arrays.fill(body, (byte) 'x');
        for (int threads : new int[]{1, 8, 32}) {
            int perThread = 8000 / threads;
            try (SqliteJournal journal = SqliteJournal.open(tmp.resolve("t" + threads));
                 ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                long start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String room = "room-" + t;
                    done.add(pool.submit(() -> {
                        for (long seq = 1; seq <= perThread; seq++) {
                            journal.appendEnvelope(room, seq, seq, "k" + seq, body).join(); // wait, like a POST
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double secs = (System.nanoTime() - start) / 1e9;
                StoreInfo info = journal.info();
                System.out.printf("BENCH %2d threads: %6d appends in %.2f s = %7.0f appends/s, %d commits (%.1f per commit),"
                                + " last commit %d us%n", threads, threads * perThread, secs, threads * perThread / secs,
                        info.commits(), (double) info.envelopesCommitted() / info.commits(), info.lastCommitMicros());
            }
        }
    }

    @Test
    void replayOf100kEnvelopes() {
        assumeTrue(Boolean.getBoolean("hive.bench"), "set -Dhive.bench=true");
        Path dir = tmp.resolve("load");
        byte[] body = new byte[600];
        Arrays.fill(body, (byte) 'y');
        try (SqliteJournal journal = SqliteJournal.open(dir)) {
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (int room = 0; room < 100; room++) {
                for (long seq = 1; seq <= 1000; seq++) {
                    pending.add(journal.appendEnvelope("%032x".formatted(room), seq, seq,
                            "sha256:%064x".formatted(seq * 1000 + room), body));
                }
            }
            pending.forEach(CompletableFuture::join);
            System.out.printf("BENCH wrote 100000 envelopes in %d commits, file %d bytes%n",
                    journal.info().commits(), journal.info().sizeBytes());
        }
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            try (SqliteJournal journal = SqliteJournal.open(dir)) {
                long t1 = System.nanoTime();
                long[] count = new long[1];
                long[] bytes = new long[1];
                journal.load(new Journal.JournalLoader() {
                    @Override
                    public void room(String room, long lastSeq) {
                    }

                    @Override
                    public void envelope(String room, long seq, long at, String key, byte[] b) {
                        count[0]++;
                        bytes[0] += b.length;
                    }

                    @Override
                    public void keyring(String room, byte[] blob) {
                    }

                    @Override
                    public void deviceRecord(String room, Journal.DeviceRecordKind kind, String deviceId, byte[] data,
                                             long seenAtMillis) {
                    }
                });
                long t2 = System.nanoTime();
                assertEquals(100_000, count[0]);
                assertEquals(60_000_000, bytes[0]);
                System.out.printf("BENCH round %d: open (with quick_check) %d ms, load 100000 envelopes %d ms%n",
                        round, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            }
        }
    }
}
