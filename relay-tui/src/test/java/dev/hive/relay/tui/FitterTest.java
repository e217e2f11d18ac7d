package dev.hive.relay.tui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FitterTest {

    private static final int[] PRIORITY = {0, 3, 1, 2};

    @Test
    void tableKeepsNaturalWidthsWhenThereIsRoom() {
        TableFitter.Fit fit = TableFitter.fit(new int[] {30, 5, 6, 7}, PRIORITY, 0, -1, 100);
        assertArrayEquals(new int[] {30, 5, 6, 7}, fit.widths());
        assertEquals(2, fit.gap());
    }

    @Test
    void tableShrinksTheIdThenTightensGapsThenDropsTheLeastImportantColumn() {
        // 30+5+6+7 + 3*2 = 54
        TableFitter.Fit shrunk = TableFitter.fit(new int[] {30, 5, 6, 7}, PRIORITY, 0, -1, 44);
        assertArrayEquals(new int[] {20, 5, 6, 7}, shrunk.widths());
        TableFitter.Fit tight = TableFitter.fit(new int[] {30, 5, 6, 7}, PRIORITY, 0, -1, 41);
        assertEquals(1, tight.gap());
        assertEquals(4, countShown(tight));
        TableFitter.Fit dropped = TableFitter.fit(new int[] {30, 5, 6, 7}, PRIORITY, 0, -1, 36);
        assertEquals(0, dropped.widths()[1], "priority 3 goes first");
        assertTrue(TableFitter.total(dropped.widths(), dropped.gap()) <= 36);
    }

    @Test
    void thePinnedSortColumnStaysLongest() {
        TableFitter.Fit fit = TableFitter.fit(new int[] {30, 5, 6, 7}, PRIORITY, 0, 1, 36);
        assertArrayEquals(new int[] {21, 5, 6, 0}, fit.widths(), "the next least important goes instead");
        assertEquals(2, fit.gap());
    }

    @Test
    void lineDropsWholeItemsByPriorityAndUsesShorterForms() {
        Line wide = build(80);
        assertEquals("hive-relay 1.0  up 3d 4h  gate allowlist (3 tokens)", wide.text());
        assertEquals("hive-relay 1.0  gate allowlist (3 tokens)", build(42).text());
        assertEquals("hive-relay 1.0  gate allowlist", build(33).text());
        assertEquals("hive-relay 1.0", build(20).text());
    }

    @Test
    void rightGroupIsFlushRight() {
        Line line = LineFitter.of(30, Glyphs.UNICODE)
                .left(LineFitter.Item.plain(0, "left"))
                .right(LineFitter.Item.plain(0, "right"))
                .build();
        assertEquals(30, line.length());
        assertTrue(line.text().endsWith(" right"));
    }

    private static Line build(int width) {
        return LineFitter.of(width, Glyphs.UNICODE)
                .left(LineFitter.Item.plain(0, "hive-relay 1.0"))
                .left(LineFitter.Item.plain(2, "up 3d 4h"))
                .left(LineFitter.Item.plain(1, "gate allowlist (3 tokens)").orPlain("gate allowlist"))
                .build();
    }

    private static int countShown(TableFitter.Fit fit) {
        int n = 0;
        for (int w : fit.widths()) {
            n += w > 0 ? 1 : 0;
        }
        return n;
    }
}
