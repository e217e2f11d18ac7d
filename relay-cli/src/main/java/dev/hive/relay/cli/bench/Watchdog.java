package dev.hive.relay.cli.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Gives up on answers that take too long, for the connections it watches. A socket read
 * timeout would do the same, but on a virtual thread every timed read arms and cancels a
 * timer, which costs the load generator a third of its throughput; one thread looking at the
 * connections four times a second costs nothing per request.
 */
final class Watchdog implements AutoCloseable {

    private final long timeoutNanos;
    private final Set<HttpConnection> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    Watchdog(long timeout, TimeUnit unit) {
        this.timeoutNanos = unit.toNanos(timeout);
        this.thread = Thread.ofPlatform().daemon().name("bench-watchdog").start(this::watch);
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Watches {@code conn} from now on; returns it. */
    HttpConnection watch(HttpConnection conn) {
        watched.add(conn);
        return conn;
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (HttpConnection conn : watched) {
                conn.abortIfBusyLongerThan(timeoutNanos, now);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        watched.clear();
    }
}
