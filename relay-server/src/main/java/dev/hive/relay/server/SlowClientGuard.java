package dev.hive.relay.server;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off clients that send a request too slowly. The web server applies no read timeout
 * to accepted connections; it only closes a connection that has sat in its request line for
 * the idle timeout (set to the same value). This covers the rest of a request: from the
 * request line on, the headers must arrive within the timeout, and no gap between body bytes
 * may exceed it, until the response starts; otherwise the connection is closed.
 *
 * <p>Register {@link #receiving()} as a receive listener and {@link #sending()} as a send
 * listener of the HTTP/1 protocol, and have body readers call {@link #bodyProgress()} (the
 * server reports no body bytes to listeners).
 */
public final class SlowClientGuard implements AutoCloseable {

    private final long timeoutNanos;
    private final Map<ConnectionContext, Progress> inFlight = new ConcurrentHashMap<>();
    private final ThreadLocal<ConnectionContext> handling = new ThreadLocal<>();
    private final ScheduledExecutorService watchdog;
    private final Http1ConnectionListener receiving = new Http1ConnectionListener() {
        @Override
        public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            inFlight.put(ctx, new Progress(System.nanoTime()));
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            Progress progress = inFlight.get(ctx);
            if (progress != null) {
                progress.headersDone = true;
                progress.lastByteNanos = System.nanoTime();
            }
            // The request is handled on this connection's thread; body reads report through it.
            handling.set(ctx);
        }
    };
    private final Http1ConnectionListener sending = new Http1ConnectionListener() {
        @Override
        public void status(ConnectionContext ctx, Status status) {
            // The response has started: whatever the client still sends is the handler's business.
            inFlight.remove(ctx);
            handling.remove();
        }
    };

    public SlowClientGuard(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slow-client-guard");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.clamp(timeout.toMillis() / 4, 25, 1_000);
        watchdog.scheduleWithFixedDelay(this::cutOffLaggards, period, period, TimeUnit.MILLISECONDS);
    }

    public Http1ConnectionListener receiving() {
        return receiving;
    }

    public Http1ConnectionListener sending() {
        return sending;
    }

    /** Body bytes arrived for the request this thread is handling: the client is not stalled. */
    public void bodyProgress() {
        ConnectionContext ctx = handling.get();
        Progress progress = ctx == null ? null : inFlight.get(ctx);
        if (progress != null) {
            progress.lastByteNanos = System.nanoTime();
        }
    }

    private void cutOffLaggards() {
        long now = System.nanoTime();
        inFlight.forEach((ctx, progress) -> {
            boolean headTooSlow = !progress.headersDone && now - progress.startedNanos > timeoutNanos;
            boolean stalled = now - progress.lastByteNanos > timeoutNanos;
            if (headTooSlow || stalled) {
                inFlight.remove(ctx, progress);
                try {
                    ctx.serverSocket().close();
                } catch (RuntimeException e) {
                    // Already closed by the other side; nothing more to do.
                }
            }
        });
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private static final class Progress {
        final long startedNanos;
        volatile long lastByteNanos;
        volatile boolean headersDone;

        Progress(long now) {
            this.startedNanos = now;
            this.lastByteNanos = now;
        }
    }
}
