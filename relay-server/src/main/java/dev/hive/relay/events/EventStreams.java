package dev.hive.relay.events;

import dev.hive.relay.api.ClientError;
import dev.hive.relay.store.Room;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server-sent event streams of {@code GET …/events}. Each frame is only a nudge: the
 * device pulls with its own cursor. A stream runs on its request's virtual thread and parks
 * on its room between frames; appenders merely unpark it, so a stream whose client reads
 * slowly never holds up a post. Nudges that pile up while a frame is being written are
 * merged into one carrying the newest sequence.
 */
public final class EventStreams {

    private static final byte[] CONNECTED = ": connected\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Semaphore slots;
    private final AtomicInteger open = new AtomicInteger();
    private final long keepAliveNanos;
    private volatile boolean stopping;

    /** @param maxStreams concurrent streams allowed, 0 for no limit */
    public EventStreams(int maxStreams, Duration keepAlive) {
        this.slots = maxStreams > 0 ? new Semaphore(maxStreams) : null;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /** Serves one stream until the client leaves or the relay stops. */
    public void serve(Room room, ServerResponse res) {
        if (stopping) {
            throw new ClientError(Status.SERVICE_UNAVAILABLE_503, "relay is shutting down");
        }
        if (slots != null && !slots.tryAcquire()) {
            throw new ClientError(Status.SERVICE_UNAVAILABLE_503,
                    "too many event streams open on this relay; retry later");
        }
        open.incrementAndGet();
        room.streamOpened();
        try {
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.header("X-Accel-Buffering", "no");
            try (OutputStream out = res.outputStream()) {
                long seen = room.headSeq();
                out.write(CONNECTED);
                writeNudge(out, seen);
                out.flush();
                while (!stopping && !room.isClosed()) {
                    long head = room.awaitBeyond(seen, keepAliveNanos);
                    if (stopping || room.isClosed()) {
                        break;
                    }
                    if (head > seen) {
                        writeNudge(out, head);
                        seen = head;
                    } else {
                        out.write(KEEP_ALIVE);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } finally {
            room.streamClosed();
            open.decrementAndGet();
            if (slots != null) {
                slots.release();
            }
        }
    }

    /** Streams open now. */
    public int open() {
        return open.get();
    }

    /** Lets every stream end its response; new ones are refused. */
    public void stop() {
        stopping = true;
    }

    private static void writeNudge(OutputStream out, long seq) throws IOException {
        out.write(("data: {\"seq\":" + seq + "}\n\n").getBytes(StandardCharsets.US_ASCII));
    }
}
