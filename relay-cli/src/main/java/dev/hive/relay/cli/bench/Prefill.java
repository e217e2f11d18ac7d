package dev.hive.relay.cli.bench;

import dev.hive.relay.cli.CliException;

import java.io.IOException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/** Fills the run's rooms with envelopes before a read scenario; not measured. */
final class Prefill {

    private Prefill() {
    }

    /**
     * Posts {@code perRoom} envelopes to each of {@code rooms} rooms over the run's connections
     * and returns each room's head sequence.
     *
     * @throws CliException when the relay refuses a post (a rate limit, the gate, a full store)
     */
    static long[] fill(BenchConfig config, int rooms, int perRoom, Progress progress) throws InterruptedException {
        long total = (long) rooms * perRoom;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLongArray heads = new AtomicLongArray(rooms);
        AtomicReference<String> problem = new AtomicReference<>();
        int workers = (int) Math.min(config.connections(), Math.max(1, total));
        CountDownLatch finished = new CountDownLatch(workers);
        Watchdog watchdog = new Watchdog(ClosedLoop.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        for (int w = 0; w < workers; w++) {
            long seed = config.runId().hashCode() * 31L + w;
            Thread.ofVirtual().name("bench-prefill-" + w).start(() -> {
                SealedEnvelopes envelopes = new SealedEnvelopes(config.size());
                SplittableRandom random = new SplittableRandom(seed);
                byte[] body = new byte[config.size()];
                try (HttpConnection conn = watchdog.watch(new HttpConnection(config.target()))) {
                    long task;
                    while (problem.get() == null && (task = next.getAndIncrement()) < total) {
                        int room = (int) (task % rooms);
                        envelopes.fill(body, random);
                        int status = conn.postJson(config.roomPath(room, "envelopes"), body, 0, body.length);
                        if (status != 200) {
                            problem.compareAndSet(null, refusal(config, status, conn.bodyText()));
                            break;
                        }
                        long seq = EnvelopePages.seqOf(conn.body(), conn.bodyLength());
                        heads.accumulateAndGet(room, seq, Math::max);
                        done.incrementAndGet();
                    }
                } catch (IOException e) {
                    problem.compareAndSet(null, "pre-filling the rooms failed: " + OpStats.kindOf(e) + " ("
                            + e.getMessage() + ")");
                } finally {
                    finished.countDown();
                }
            });
        }
        long started = System.nanoTime();
        while (!finished.await(1, TimeUnit.SECONDS)) {
            progress.update(String.format(Locale.ROOT, "%s  pre-filling %,d/%,d envelopes  %.0fs",
                    config.scenario(), done.get(), total, (System.nanoTime() - started) / 1e9));
        }
        watchdog.close();
        progress.finish();
        if (problem.get() != null) {
            throw new CliException(problem.get());
        }
        long[] result = new long[rooms];
        for (int i = 0; i < rooms; i++) {
            result[i] = heads.get(i);
        }
        return result;
    }

    private static String refusal(BenchConfig config, int status, String body) {
        String reason = body.lines().findFirst().orElse("").strip();
        if (reason.length() > 120) {
            reason = reason.substring(0, 120) + "…";
        }
        String hint = status == 429 ? "; run the relay with --push-rate 0 (HIVE_RELAY_PUSH_RATE=0) to bench it" : "";
        return "pre-filling the rooms failed: the relay at " + config.target().url() + " answered " + status
                + (reason.isEmpty() ? "" : " (" + reason + ")") + hint;
    }
}
