package dev.hive.relay.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparklineTest {

    @Test
    void scalesToTheLargestValueAndLeavesGapsBlank() {
        double[] values = {Double.NaN, 0, 1, 4, 8};
        assertEquals(" ▁▂▅█", Sparkline.render(values, Glyphs.UNICODE));
        assertEquals(" _.=#", Sparkline.render(values, Glyphs.ASCII));
    }

    @Test
    void allIdleIsTheLowestGlyph() {
        assertEquals("▁▁▁", Sparkline.render(new double[] {0, 0, 0}, Glyphs.UNICODE));
    }

    @Test
    void historyBucketsAreTimeWeightedAndSpanTheWindow() {
        RateHistory h = new RateHistory(10_000);
        h.add(0, 2_000, 10);
        h.add(2_000, 4_000, 30);
        double[] b = h.buckets(5);
        // 2 s buckets ending at 4 s: [-6,-4) [-4,-2) [-2,0) [0,2) [2,4)
        assertTrue(Double.isNaN(b[0]) && Double.isNaN(b[1]) && Double.isNaN(b[2]));
        assertEquals(10.0, b[3]);
        assertEquals(30.0, b[4]);
        double[] wide = h.buckets(2);
        assertEquals(20.0, wide[1], "one 5 s bucket holding both samples averages them by time");
    }

    @Test
    void oldSamplesFallOutOfTheWindow() {
        RateHistory h = new RateHistory(10_000);
        h.add(0, 1_000, 99);
        h.add(20_000, 21_000, 1);
        double[] b = h.buckets(10);
        for (double v : b) {
            assertTrue(Double.isNaN(v) || v == 1.0);
        }
    }
}
