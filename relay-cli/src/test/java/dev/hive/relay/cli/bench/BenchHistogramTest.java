package dev.hive.relay.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchHistogramTest {

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 0; v < 256; v++) {
            h.record(v);
        }
        assertEquals(127, h.percentile(50)); // nearest rank: the 128th smallest
        assertEquals(230, h.percentile(90)); // ⌈230.4⌉ = the 231st smallest
        assertEquals(0, h.percentile(0));
        assertEquals(255, h.percentile(100));
        assertEquals(255, h.max());
        assertEquals(0, h.min());
    }

    @Test
    void percentilesOfAUniformSpreadAreWithinOnePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long us = 1; us <= 10_000; us++) {
            h.record(us * 1_000); // 1 µs .. 10 ms in nanoseconds
        }
        assertEquals(10_000, h.count());
        assertNear(5_000_000, h.percentile(50));
        assertNear(9_000_000, h.percentile(90));
        assertNear(9_900_000, h.percentile(99));
        assertNear(9_990_000, h.percentile(99.9));
        assertEquals(10_000_000, h.max());
        assertEquals(1_000, h.min());
        assertNear(5_000_500, (long) h.mean());
    }

    @Test
    void aSkewedSpreadKeepsItsTail() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 990; i++) {
            h.record(200_000); // 0.2 ms
        }
        for (int i = 0; i < 10; i++) {
            h.record(50_000_000); // 50 ms
        }
        assertNear(200_000, h.percentile(50));
        assertNear(200_000, h.percentile(99));
        assertNear(50_000_000, h.percentile(99.9));
        assertEquals(50_000_000, h.max());
    }

    @Test
    void addingHistogramsEqualsRecordingIntoOne() {
        SplittableRandom random = new SplittableRandom(7);
        LatencyHistogram all = new LatencyHistogram();
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 0; i < 5_000; i++) {
            long v = random.nextLong(1, 1L << 40);
            all.record(v);
            (i % 2 == 0 ? a : b).record(v);
        }
        a.add(b);
        for (double p : new double[] {1, 50, 90, 99, 99.9, 100}) {
            assertEquals(all.percentile(p), a.percentile(p));
        }
        assertEquals(all.count(), a.count());
        assertEquals(all.min(), a.min());
        assertEquals(all.max(), a.max());
    }

    @Test
    void bucketsTileTheRangeAtUnderOnePercentWidth() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong(0, Long.MAX_VALUE >> (1 + random.nextInt(62)));
            int bucket = LatencyHistogram.bucketOf(v);
            long low = LatencyHistogram.lowestOf(bucket);
            long next = LatencyHistogram.lowestOf(bucket + 1);
            assertTrue(low <= v && v < next, v + " not in [" + low + ", " + next + ")");
            assertTrue(next - low == 1 || (next - low) / (double) low <= 1.0 / 128, "bucket too wide at " + v);
        }
        assertEquals(LatencyHistogram.bucketOf(Long.MAX_VALUE), LatencyHistogram.bucketOf(Long.MAX_VALUE - 1));
    }

    @Test
    void anEmptyHistogramReadsZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.percentile(50));
        assertEquals(0, h.max());
        assertEquals(0, h.min());
    }

    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected / 100, actual + " is not within 1% of " + expected);
    }
}
