package dev.hive.relay.tui;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Recent values of one rate, for a sparkline. Each sample is the average rate over the interval
 * between two snapshots, so buckets take the time-weighted mean of the samples overlapping them:
 * the graph spans the same wall time whatever the refresh interval, without gaps.
 */
final class RateHistory {

    private record Sample(long start, long end, double value) {
    }

    private final long windowMillis;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    RateHistory(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    long windowMillis() {
        return windowMillis;
    }

    /** Records {@code value} as the rate between two server timestamps. */
    void add(long startMillis, long endMillis, double value) {
        if (endMillis <= startMillis) {
            return;
        }
        samples.addLast(new Sample(startMillis, endMillis, value));
        while (!samples.isEmpty() && samples.peekFirst().end() <= endMillis - windowMillis) {
            samples.removeFirst();
        }
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    /**
     * {@code n} buckets covering the window up to the latest sample, oldest first; NaN where no
     * sample covers a bucket. Bucket edges sit on multiples of the bucket size, so a bucket's
     * value does not shift from one frame to the next.
     */
    double[] buckets(int n) {
        double[] out = new double[Math.max(0, n)];
        Arrays.fill(out, Double.NaN);
        if (n <= 0 || samples.isEmpty()) {
            return out;
        }
        long size = Math.max(1, windowMillis / n);
        long latest = samples.peekLast().end();
        long end = Math.floorDiv(latest + size - 1, size) * size;
        long start = end - size * n;
        double[] weighted = new double[n];
        long[] covered = new long[n];
        for (Sample s : samples) {
            long from = Math.max(s.start(), start);
            long to = Math.min(s.end(), end);
            if (to <= from) {
                continue;
            }
            int first = (int) ((from - start) / size);
            int last = (int) Math.min(n - 1, (to - 1 - start) / size);
            for (int i = first; i <= last; i++) {
                long bucketStart = start + i * size;
                long overlap = Math.min(to, bucketStart + size) - Math.max(from, bucketStart);
                if (overlap > 0) {
                    weighted[i] += s.value() * overlap;
                    covered[i] += overlap;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (covered[i] > 0) {
                out[i] = weighted[i] / covered[i];
            }
        }
        return out;
    }
}
