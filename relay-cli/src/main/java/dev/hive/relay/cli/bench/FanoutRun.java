package dev.hive.relay.cli.bench;

import dev.hive.relay.cli.CliException;

import java.io.IOException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code fanout}: how long an event takes from one device to another. Device B holds the
 * room's event stream open and, on every nudge, pulls from its cursor on a second connection;
 * device A posts one envelope at a time and waits until B has it. The figure per event runs
 * from just before A sends its POST to when B's pull returning that envelope has completed
 * (nudge and pull included). A's POST and B's pulls are also reported on their own.
 */
final class FanoutRun {

    static final String[] OPS = {"fanout", "fanout: post", "fanout: pull"};
    private static final int DELIVERY = 0;
    private static final int POST = 1;
    private static final int PULL = 2;
    private static final long DELIVERY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long SECOND = 1_000_000_000L;

    private final BenchConfig config;
    private final Progress progress;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition delivered = lock.newCondition();
    private long deliveredSeq;
    private long deliveredAt;
    private boolean streamEnded;
    private String streamEndReason;
    private volatile boolean measuring;
    private volatile boolean stopping;

    private FanoutRun(BenchConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    static BenchReport run(BenchConfig config, Progress progress, BenchReport report) throws InterruptedException {
        return new FanoutRun(config, progress).execute(report);
    }

    private BenchReport execute(BenchReport report) throws InterruptedException {
        OpStats[] measured = {new OpStats(), new OpStats(), new OpStats()};
        OpStats[] warm = {new OpStats(), new OpStats(), new OpStats()};
        String envelopesPath = config.roomPath(0, "envelopes");
        Watchdog watchdog = new Watchdog(ClosedLoop.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        HttpConnection stream = watchdog.watch(new HttpConnection(config.target())); // while opening
        HttpConnection puller = watchdog.watch(new HttpConnection(config.target()));
        HttpConnection poster = watchdog.watch(new HttpConnection(config.target()));
        long head;
        try {
            int status = stream.openStream(config.roomPath(0, "events"));
            if (status != 200) {
                throw new CliException("the relay at " + config.target().url() + " refused the event stream: "
                        + status + " " + firstLine(stream.bodyText()));
            }
            head = awaitFirstNudge(stream);
        } catch (IOException | RuntimeException e) {
            stream.close();
            watchdog.close();
            throw e instanceof CliException cli ? cli : new CliException("could not open an event stream on "
                    + config.target().url() + ": " + e.getMessage());
        }
        deliveredSeq = head;
        long startCursor = head;
        Thread reader = Thread.ofVirtual().name("bench-fanout-reader").start(
                () -> readStream(stream, puller, envelopesPath, startCursor, measured[PULL], warm[PULL]));

        SealedEnvelopes envelopes = new SealedEnvelopes(config.size());
        SplittableRandom random = new SplittableRandom(config.runId().hashCode());
        byte[] body = new byte[config.size()];
        long started = System.nanoTime();
        long warmupEnd = started + config.warmup().toNanos();
        long measureStart = started;
        long deadline = Long.MAX_VALUE;
        long nextTick = started + SECOND;
        long sent = 0;
        String stoppedBy = "count";
        try {
            while (true) {
                long now = System.nanoTime();
                if (!measuring && now >= warmupEnd) {
                    measuring = true;
                    measureStart = now;
                    deadline = config.duration().isZero() ? Long.MAX_VALUE : now + config.duration().toNanos();
                }
                if (measuring && sent >= config.count()) {
                    break;
                }
                if (now >= deadline) {
                    stoppedBy = "duration";
                    break;
                }
                if (now >= nextTick) {
                    nextTick += SECOND;
                    progress.update(measuring
                            ? String.format(Locale.ROOT, "fanout  %.0fs  %,d/%,d events", (now - measureStart) / 1e9,
                                    sent, config.count())
                            : String.format(Locale.ROOT, "fanout  warming up %.0fs", (now - started) / 1e9));
                }
                OpStats[] ops = measuring ? measured : warm;
                if (measuring) {
                    sent++;
                }
                envelopes.fill(body, random);
                long t0 = System.nanoTime();
                int status;
                try {
                    status = poster.postJson(envelopesPath, body, 0, body.length);
                } catch (IOException e) {
                    ops[POST].failure(e);
                    ops[DELIVERY].failure(OpStats.kindOf(e));
                    Thread.sleep(20);
                    continue;
                }
                ops[POST].response(status, System.nanoTime() - t0, 0);
                if (status != 200) {
                    ops[DELIVERY].failure(Integer.toString(status));
                    continue;
                }
                long seq = EnvelopePages.seqOf(poster.body(), poster.bodyLength());
                long arrivedAt = awaitDelivery(seq);
                if (arrivedAt == Long.MIN_VALUE) {
                    throw new CliException("the event stream ended after " + sent + " events: " + streamEndReason);
                }
                if (arrivedAt < 0) {
                    ops[DELIVERY].failure("timeout");
                } else {
                    ops[DELIVERY].sample(arrivedAt - t0);
                }
            }
        } finally {
            stopping = true;
            long end = System.nanoTime();
            stream.shutDown();
            puller.shutDown();
            reader.join(TimeUnit.SECONDS.toMillis(5));
            poster.close();
            watchdog.close();
            progress.finish();
            double seconds = Math.max(end - measureStart, 1) / 1e9;
            for (int op = 0; op < OPS.length; op++) {
                report.row(OPS[op], measured[op], seconds, false);
            }
            report.stoppedBy(stoppedBy);
        }
        return report;
    }

    /** Reads the stream's opening ({@code : connected}, then the head nudge) and returns the head. */
    private static long awaitFirstNudge(HttpConnection stream) throws IOException {
        while (true) {
            String line = stream.readLine();
            if (line == null) {
                throw new IOException("the stream ended before its first event");
            }
            long seq = nudgeSeq(line);
            if (seq >= 0) {
                return seq;
            }
        }
    }

    /** Device B: on each nudge beyond its cursor, pulls and publishes what arrived. */
    private void readStream(HttpConnection stream, HttpConnection puller, String envelopesPath, long cursor,
                            OpStats measuredPull, OpStats warmPull) {
        EnvelopePages pages = new EnvelopePages();
        String reason = "the relay closed it";
        try {
            String line;
            while ((line = stream.readLine()) != null) {
                long seq = nudgeSeq(line);
                if (seq <= cursor) {
                    continue;
                }
                OpStats pull = measuring ? measuredPull : warmPull;
                long start = System.nanoTime();
                int status;
                try {
                    status = puller.get(envelopesPath + "?after=" + cursor);
                } catch (IOException e) {
                    pull.failure(e);
                    continue;
                }
                long now = System.nanoTime();
                int received = 0;
                if (status == 200) {
                    pages.scan(puller.body(), puller.bodyLength());
                    received = pages.count();
                }
                pull.response(status, now - start, received);
                if (received > 0 && pages.lastSeq() > cursor) {
                    cursor = pages.lastSeq();
                    publish(cursor, now);
                }
            }
        } catch (IOException e) {
            reason = e.getMessage();
        }
        lock.lock();
        try {
            streamEnded = true;
            streamEndReason = reason;
            delivered.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void publish(long seq, long at) {
        lock.lock();
        try {
            deliveredSeq = seq;
            deliveredAt = at;
            delivered.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until B has pulled {@code seq}: returns when that pull completed, -1 on a timeout,
     * {@link Long#MIN_VALUE} when the stream ended (unless the run is stopping).
     */
    private long awaitDelivery(long seq) throws InterruptedException {
        lock.lock();
        try {
            long left = DELIVERY_TIMEOUT_NANOS;
            while (deliveredSeq < seq) {
                if (streamEnded && !stopping) {
                    return Long.MIN_VALUE;
                }
                if (left <= 0) {
                    return -1;
                }
                left = delivered.awaitNanos(left);
            }
            return deliveredAt;
        } finally {
            lock.unlock();
        }
    }

    /** The seq of a {@code data: {"seq":N}} line, -1 for any other line. */
    static long nudgeSeq(String line) {
        if (!line.startsWith("data:")) {
            return -1;
        }
        int at = line.indexOf("\"seq\"");
        if (at < 0) {
            return -1;
        }
        at += 5;
        while (at < line.length() && (line.charAt(at) == ':' || line.charAt(at) == ' ')) {
            at++;
        }
        long value = 0;
        int digits = 0;
        while (at < line.length() && Character.isDigit(line.charAt(at)) && digits < 18) {
            value = value * 10 + (line.charAt(at++) - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").strip();
    }
}
