package dev.hive.relay.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A token bucket per client IP for envelope posts: {@code rate} per second, up to {@code burst} at once. */
public final class PushRateLimiter {

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public PushRateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.nanoClock = nanoClock;
    }

    /** Whether one more post from this client is allowed now; always true when the rate is 0. */
    public boolean tryAcquire(String client) {
        if (ratePerNano == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        return buckets.computeIfAbsent(client, key -> new Bucket(burst, now)).take(now, ratePerNano, burst);
    }

    /** Seconds until a refused client may try again, rounded up. */
    public long retryAfterSeconds() {
        return ratePerNano == 0 ? 0 : Math.max(1, (long) Math.ceil(1 / (ratePerNano * 1e9)));
    }

    /** Forgets clients whose buckets have refilled: they are indistinguishable from new ones. */
    public void forgetIdle() {
        long now = nanoClock.getAsLong();
        buckets.values().removeIf(bucket -> bucket.isFullAt(now, ratePerNano, burst));
    }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }

        synchronized boolean take(long now, double ratePerNano, double burst) {
            refill(now, ratePerNano, burst);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean isFullAt(long now, double ratePerNano, double burst) {
            refill(now, ratePerNano, burst);
            return tokens >= burst;
        }

        private void refill(long now, double ratePerNano, double burst) {
            tokens = Math.min(burst, tokens + (now - updatedNanos) * ratePerNano);
            updatedNanos = now;
        }
    }
}
