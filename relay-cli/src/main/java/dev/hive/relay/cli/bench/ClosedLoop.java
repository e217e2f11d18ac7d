package dev.hive.relay.cli.bench;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * The load engine of the request scenarios: one virtual thread per connection, each sending
 * its next request as soon as the previous answer is in (closed loop, like redis-benchmark
 * and wrk). A warm-up phase runs first and is not counted; then requests are counted until
 * {@code --requests} have been sent (exactly: each request takes a ticket first) or
 * {@code --duration} has passed, whichever comes first. Requests still in flight at the
 * deadline finish and count. A run whose requests all fail for 5 s stops early.
 */
final class ClosedLoop {

    /** How long one answer may take before it counts as a {@code timeout} error. */
    static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final long SECOND = 1_000_000_000L;
    private static final long STALL_TICKS = 5;

    /** The request sequence of one connection. */
    interface Client {
        /** Sends one request on {@code conn} and records the answer in {@code ops[op]}. */
        void step(HttpConnection conn, OpStats[] ops) throws IOException;

        /** The operation the latest {@link #step} performed, to file a failure under. */
        int currentOp();
    }

    /**
     * What a run measured.
     *
     * @param ops       per operation, all connections added up
     * @param seconds   from the end of warm-up to the last answer
     * @param stoppedBy {@code requests}, {@code duration} or {@code errors}
     */
    record Outcome(OpStats[] ops, double seconds, String stoppedBy) {
    }

    private ClosedLoop() {
    }

    static Outcome run(BenchConfig config, int opCount, IntFunction<Client> clients, Progress progress)
            throws InterruptedException {
        int connections = config.connections();
        long limit = config.requests() > 0 ? config.requests() : Long.MAX_VALUE;
        HttpConnection[] conns = new HttpConnection[connections];
        OpStats[][] measured = new OpStats[connections][];
        long[] endedAt = new long[connections];
        LongAdder liveRequests = new LongAdder();
        LongAdder liveErrors = new LongAdder();
        AtomicLong tickets = new AtomicLong();
        AtomicReference<Throwable> bug = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(connections);
        Phase phase = new Phase();
        Watchdog watchdog = new Watchdog(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        for (int c = 0; c < connections; c++) {
            int index = c;
            conns[c] = watchdog.watch(new HttpConnection(config.target()));
            OpStats[] mine = new OpStats[opCount];
            OpStats[] warm = new OpStats[opCount];
            for (int op = 0; op < opCount; op++) {
                mine[op] = new OpStats(liveRequests, liveErrors);
                warm[op] = new OpStats();
            }
            measured[c] = mine;
            Client client = clients.apply(c);
            Thread.ofVirtual().name("bench-" + c).start(() -> {
                HttpConnection conn = conns[index];
                try {
                    while (!phase.stopping) {
                        boolean counting = phase.measuring;
                        if (counting && tickets.incrementAndGet() > limit) {
                            break;
                        }
                        OpStats[] ops = counting ? mine : warm;
                        try {
                            client.step(conn, ops);
                        } catch (IOException e) {
                            if (phase.stopping) {
                                break;
                            }
                            ops[client.currentOp()].failure(e);
                            Thread.sleep(20); // a relay that is down should not be hammered in a tight loop
                        }
                    }
                } catch (Throwable t) {
                    bug.compareAndSet(null, t);
                } finally {
                    endedAt[index] = System.nanoTime();
                    conn.close();
                    finished.countDown();
                }
            });
        }

        long started = System.nanoTime();
        long warmupEnd = started + config.warmup().toNanos();
        long nextTick = started + SECOND;
        while (System.nanoTime() < warmupEnd && finished.getCount() > 0) {
            long wait = Math.min(warmupEnd, nextTick) - System.nanoTime();
            if (finished.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
                break;
            }
            if (System.nanoTime() >= nextTick) {
                progress.update(String.format(Locale.ROOT, "%s  warming up %.0fs", config.scenario(),
                        (System.nanoTime() - started) / 1e9));
                nextTick += SECOND;
            }
        }
        long measureStart = System.nanoTime();
        phase.measuring = true;

        long deadline = config.duration().isZero() ? Long.MAX_VALUE : measureStart + config.duration().toNanos();
        String stoppedBy = "requests";
        nextTick = measureStart + SECOND;
        long lastOk = 0;
        long lastErrors = 0;
        int stalledTicks = 0;
        while (true) {
            long now = System.nanoTime();
            long wait = Math.min(deadline, nextTick) - now;
            if (finished.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
                break;
            }
            now = System.nanoTime();
            if (now >= deadline) {
                stoppedBy = "duration";
                break;
            }
            if (now >= nextTick) {
                nextTick += SECOND;
                long requests = liveRequests.sum();
                long errors = liveErrors.sum();
                double elapsed = (now - measureStart) / 1e9;
                progress.update(String.format(Locale.ROOT, "%s  %.0fs  %,d requests  %,.0f req/s  %,d errors",
                        config.scenario(), elapsed, requests, requests / elapsed, errors));
                long ok = requests - errors;
                stalledTicks = ok == lastOk && errors > lastErrors ? stalledTicks + 1 : 0;
                lastOk = ok;
                lastErrors = errors;
                if (stalledTicks >= STALL_TICKS) {
                    stoppedBy = "errors";
                    break;
                }
            }
        }
        phase.stopping = true;
        if (!finished.await(5, TimeUnit.SECONDS)) {
            for (HttpConnection conn : conns) {
                conn.shutDown(); // ends reads still blocked on a relay that stopped answering
            }
            finished.await(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
        watchdog.close();
        progress.finish();
        Throwable failure = bug.get();
        if (failure != null) {
            throw new IllegalStateException("bench worker failed: " + failure, failure);
        }
        long end = measureStart;
        for (long t : endedAt) {
            end = Math.max(end, t);
        }
        OpStats[] total = new OpStats[opCount];
        for (int op = 0; op < opCount; op++) {
            total[op] = new OpStats();
            for (OpStats[] mine : measured) {
                total[op].add(mine[op]);
            }
        }
        return new Outcome(total, Math.max(end - measureStart, 1) / 1e9, stoppedBy);
    }

    /** What the workers look at between requests. */
    private static final class Phase {
        volatile boolean measuring;
        volatile boolean stopping;
    }
}
