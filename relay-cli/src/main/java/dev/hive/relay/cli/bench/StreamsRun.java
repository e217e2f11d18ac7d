package dev.hive.relay.cli.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code streams}: opens {@code --streams} idle event streams, spread over {@code --rooms}
 * rooms with at most {@code --connections} being opened at once, holds them for
 * {@code --duration} (counted from the start), and reports how many connected, failed, were
 * dropped by the relay, and were still held at the end. The latency figure is the time from
 * connecting to the stream's first nudge.
 */
final class StreamsRun {

    private static final long SECOND = 1_000_000_000L;

    private StreamsRun() {
    }

    static BenchReport run(BenchConfig config, Progress progress, BenchReport report) throws InterruptedException {
        int n = config.streams();
        HttpConnection[] conns = new HttpConnection[n];
        OpStats[] stats = new OpStats[n];
        Semaphore opening = new Semaphore(config.connections());
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        AtomicInteger settled = new AtomicInteger();
        AtomicLong allSettledAt = new AtomicLong();
        boolean[] open = new boolean[n];
        CountDownLatch finished = new CountDownLatch(n);
        Stop stop = new Stop();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int index = i;
            conns[i] = new HttpConnection(config.target());
            stats[i] = new OpStats();
            String path = config.roomPath(i % config.rooms(), "events");
            Thread.ofVirtual().name("bench-stream-" + i).start(() -> {
                HttpConnection conn = conns[index];
                OpStats mine = stats[index];
                boolean isOpen = false;
                try {
                    opening.acquire();
                    try {
                        if (stop.now) {
                            mine.failure("not-opened");
                            failed.incrementAndGet();
                            return;
                        }
                        long t0 = System.nanoTime();
                        int status = conn.openStream(path);
                        if (status != 200) {
                            mine.response(status, System.nanoTime() - t0, 0);
                            failed.incrementAndGet();
                            return;
                        }
                        String line;
                        while ((line = conn.readLine()) != null && !line.startsWith("data:")) {
                            // ": connected" and the blank line after it
                        }
                        if (line == null) {
                            mine.failure("closed");
                            failed.incrementAndGet();
                            return;
                        }
                        mine.response(status, System.nanoTime() - t0, 0);
                        isOpen = true;
                        synchronized (open) {
                            open[index] = true;
                        }
                        connected.incrementAndGet();
                    } finally {
                        opening.release();
                        if (settled.incrementAndGet() == n) {
                            allSettledAt.set(System.nanoTime());
                        }
                    }
                    while (conn.readLine() != null) {
                        // idle: nudges and keep-alives only
                    }
                    if (!stop.now) {
                        dropped.incrementAndGet();
                    }
                } catch (IOException e) {
                    if (!isOpen) {
                        mine.failure(e);
                        failed.incrementAndGet();
                    } else if (!stop.now) {
                        dropped.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (isOpen) {
                        synchronized (open) {
                            open[index] = false;
                        }
                    }
                    conn.close();
                    finished.countDown();
                }
            });
        }

        long deadline = started + config.duration().toNanos();
        long nextTick = started + SECOND;
        String stoppedBy = "duration";
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline) {
                break;
            }
            if (finished.await(Math.max(0, Math.min(deadline, nextTick) - now), TimeUnit.NANOSECONDS)) {
                stoppedBy = "every stream ended"; // all failed or were dropped: nothing left to hold
                break;
            }
            if (System.nanoTime() >= nextTick) {
                nextTick += SECOND;
                progress.update(String.format(Locale.ROOT,
                        "streams  %.0fs  %,d/%,d connected  %,d failed  %,d dropped",
                        (System.nanoTime() - started) / 1e9, connected.get(), n, failed.get(), dropped.get()));
            }
        }
        int held;
        synchronized (open) {
            stop.now = true;
            held = 0;
            for (boolean isOpen : open) {
                if (isOpen) {
                    held++;
                }
            }
        }
        long end = System.nanoTime();
        for (HttpConnection conn : conns) {
            conn.shutDown();
        }
        finished.await(10, TimeUnit.SECONDS);
        progress.finish();

        OpStats total = new OpStats();
        for (OpStats s : stats) {
            total.add(s);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requested", (long) n);
        figures.put("connected", (long) connected.get());
        figures.put("failed", (long) failed.get());
        figures.put("dropped", (long) dropped.get());
        figures.put("held", (long) held);
        long settledAt = allSettledAt.get();
        if (settledAt > 0) {
            figures.put("all_open_after_s", Math.round((settledAt - started) / 1e6) / 1e3);
        }
        report.row("streams", total, Math.max(end - started, 1) / 1e9, false)
                .stoppedBy(stoppedBy)
                .extra("streams", figures);
        if (total.errors().containsKey("503")) {
            report.note("the relay caps concurrent event streams (--max-sse / HIVE_RELAY_MAX_SSE, default 2000)");
        }
        return report;
    }

    /** Set once the hold time is over: closing streams from then on is the bench's doing. */
    private static final class Stop {
        volatile boolean now;
    }
}
