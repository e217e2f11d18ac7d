package dev.hive.relay.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line per request: time, method, route pattern (room ids stay out of logs, since an
 * unguessable room id is an access secret), status, duration and client address. Never
 * bodies, never tokens.
 *
 * <p>Requests only queue their entry; one writer thread formats and batches the lines to the
 * stream, so a slow terminal or pipe never slows a request. When the queue is full, lines are dropped and
 * counted rather than making requests wait; the count is reported in the log itself.
 */
public final class RequestLog implements AutoCloseable {

    private static final int QUEUE_LINES = 65_536;
    private static final long DRAIN_PAUSE_MILLIS = 20;

    private final OutputStream out;
    private final boolean json;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public RequestLog(OutputStream out, boolean json) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.json = json;
        this.writer = Thread.ofPlatform().daemon().name("request-log").start(this::drain);
    }

    /** Queues the line; the writer thread formats it, so a request pays for one small object. */
    public void request(long epochMillis, String method, String route, int status, long durationMicros,
                        String client) {
        enqueue(new Entry(epochMillis, method, route, status, durationMicros, client, null));
    }

    /** A server event worth a line of its own. */
    public void event(long epochMillis, String message) {
        enqueue(new Entry(epochMillis, null, null, 0, 0, null, message));
    }

    private void enqueue(Entry entry) {
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>(1024);
        LineFormat format = new LineFormat(json);
        while (!closed || !queue.isEmpty()) {
            try {
                // Polling instead of waiting on the queue: a waiting writer would have every request
                // signal it (a lock hand-off and a wake-up per line); lines may sit here 20 ms.
                if (queue.drainTo(batch, 4096) == 0) {
                    Thread.sleep(DRAIN_PAUSE_MILLIS);
                    continue;
                }
                for (Entry entry : batch) {
                    format.writeLine(entry, out);
                }
                batch.clear();
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    out.write(("(request log: " + lost + " lines dropped, the output could not keep up)\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                if (queue.isEmpty()) {
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                // Nowhere left to log to (e.g. a closed pipe); keep serving regardless.
                batch.clear();
            }
        }
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // nothing more can be written
        }
    }

    /** A request's line (event null) or a server event's, as queued. */
    record Entry(long epochMillis, String method, String route, int status, long durationMicros, String client,
                 String event) {
    }
}
