package dev.hive.relay.cli.bench;

import java.util.Arrays;

/**
 * A log-linear histogram of non-negative values (the bench records nanoseconds): values below
 * 256 are counted exactly, larger ones in buckets 1/128 of their power of two wide, so any
 * percentile read back is within 0.4 % of a recorded value (the bucket's midpoint, clamped to
 * the exact minimum and maximum). Fixed size (about 58 KiB), no allocation when recording, not
 * thread-safe: give each thread its own and {@link #add} them at the end.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 7;
    private static final int SUB_COUNT = 1 << SUB_BITS;            // 128 buckets per power of two
    private static final int EXACT = SUB_COUNT * 2;                // 0..255 counted one by one
    private static final int MAX_SHIFT = 63 - SUB_BITS;            // covers the whole long range
    private static final int BUCKETS = EXACT + MAX_SHIFT * SUB_COUNT;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;

    /** Counts one value; negatives count as 0. */
    void record(long value) {
        long v = Math.max(0, value);
        counts[bucketOf(v)]++;
        total++;
        sum += v;
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
    }

    /** Adds another histogram's counts to this one. */
    void add(LatencyHistogram other) {
        if (other.total == 0) {
            return;
        }
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    /** The largest value recorded, exactly; 0 when empty. */
    long max() {
        return max;
    }

    /** The smallest value recorded, exactly; 0 when empty. */
    long min() {
        return total == 0 ? 0 : min;
    }

    double mean() {
        return total == 0 ? 0 : sum / total;
    }

    /**
     * The value at or below which {@code percent} % of the recorded values lie (nearest rank:
     * the ⌈p/100·n⌉-th smallest), to within the bucket precision; 0 when empty.
     */
    long percentile(double percent) {
        if (total == 0) {
            return 0;
        }
        if (percent >= 100) {
            return max;
        }
        long rank = Math.max(1, (long) Math.ceil(Math.max(0, percent) / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, representative(i)));
            }
        }
        return max;
    }

    static int bucketOf(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS; // v >> shift is in [128, 256)
        return EXACT + (shift - 1) * SUB_COUNT + (int) ((v >> shift) - SUB_COUNT);
    }

    /** The lowest value of bucket {@code index}. */
    static long lowestOf(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB_COUNT + 1;
        long sub = (index - EXACT) % SUB_COUNT + SUB_COUNT;
        return sub << shift;
    }

    /** The midpoint of bucket {@code index}. */
    private static long representative(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB_COUNT + 1;
        return lowestOf(index) + ((1L << shift) >> 1);
    }

    /** Empties the histogram. */
    void reset() {
        Arrays.fill(counts, 0);
        total = 0;
        sum = 0;
        min = Long.MAX_VALUE;
        max = 0;
    }
}
