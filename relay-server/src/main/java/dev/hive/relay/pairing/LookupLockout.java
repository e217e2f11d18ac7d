package dev.hive.relay.pairing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed pairing look-ups per client IP and locks a client out once it has failed
 * {@code maxFailures} times within the window: enumerating a 32^6 code space needs many
 * misses, and this makes them slow.
 */
public final class LookupLockout {

    private final int maxFailures;
    private final long windowMillis;
    private final LongSupplier clockMillis;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LookupLockout(int maxFailures, long windowMillis, LongSupplier clockMillis) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.clockMillis = clockMillis;
    }

    public boolean isLockedOut(String client) {
        Deque<Long> times = failures.get(client);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            dropOld(times, clockMillis.getAsLong());
            return times.size() >= maxFailures;
        }
    }

    public void recordFailure(String client) {
        long now = clockMillis.getAsLong();
        Deque<Long> times = failures.computeIfAbsent(client, key -> new ArrayDeque<>());
        synchronized (times) {
            dropOld(times, now);
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    /** Seconds until the client's oldest counted failure leaves the window. */
    public long retryAfterSeconds(String client) {
        Deque<Long> times = failures.get(client);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            Long oldest = times.peekFirst();
            return oldest == null ? 0 : Math.max(1, (oldest + windowMillis - clockMillis.getAsLong() + 999) / 1000);
        }
    }

    /** Forgets clients with no failure in the window, so the map cannot grow without bound. */
    public void forgetIdle() {
        long now = clockMillis.getAsLong();
        failures.values().removeIf(times -> {
            synchronized (times) {
                dropOld(times, now);
                return times.isEmpty();
            }
        });
    }

    private void dropOld(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.removeFirst();
        }
    }
}
