package dev.hive.relay.tui;

/**
 * Fits table columns into a width by priority: first the flexible column (the id) gives up
 * length, then the gaps tighten, then whole columns are dropped, least important first. A column
 * is shown whole or not at all, so no header or value is ever cut by the right edge.
 */
final class TableFitter {

    /** Below this the id column would stop telling rooms apart; drop other columns first. */
    static final int SOFT_MIN = 20;
    static final int HARD_MIN = 8;

    /** Chosen widths (0 = dropped) and the gap between shown columns. */
    record Fit(int[] widths, int gap) {
        boolean shown(int column) {
            return widths[column] > 0;
        }
    }

    private TableFitter() {
    }

    /**
     * @param natural  the width each column would like (header and longest cell)
     * @param priority per column, lower is more important
     * @param flexible the column that shrinks (its cells are truncated in the middle)
     * @param pinned   a column kept as long as possible (the sort column), or -1
     */
    static Fit fit(int[] natural, int[] priority, int flexible, int pinned, int width) {
        int[] w = natural.clone();
        int gap = 2;
        int excess = total(w, gap) - width;
        if (excess > 0) {
            w[flexible] = Math.max(Math.min(natural[flexible], SOFT_MIN), w[flexible] - excess);
        }
        if (total(w, gap) > width) {
            gap = 1;
        }
        while (total(w, gap) > width) {
            int victim = leastImportant(w, priority, flexible, pinned);
            if (victim < 0) {
                break;
            }
            w[victim] = 0;
        }
        excess = total(w, gap) - width;
        if (excess > 0) {
            w[flexible] = Math.max(Math.min(natural[flexible], HARD_MIN), w[flexible] - excess);
        }
        while (total(w, gap) > width) {
            int victim = leastImportant(w, priority, flexible, -1);
            if (victim < 0) {
                break;
            }
            w[victim] = 0;
        }
        if (total(w, gap) > width) {
            w[flexible] = Math.max(0, width);
        }
        if (gap == 1 && total(w, 2) <= width) {
            gap = 2;
        }
        int spare = width - total(w, gap);
        if (spare > 0) {
            w[flexible] = Math.min(natural[flexible], w[flexible] + spare);
        }
        return new Fit(w, gap);
    }

    static int total(int[] widths, int gap) {
        int sum = 0;
        int shown = 0;
        for (int w : widths) {
            if (w > 0) {
                sum += w;
                shown++;
            }
        }
        return sum + Math.max(0, shown - 1) * gap;
    }

    private static int leastImportant(int[] w, int[] priority, int flexible, int pinned) {
        int victim = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 0 || i == flexible || i == pinned) {
                continue;
            }
            if (victim < 0 || priority[i] > priority[victim]) {
                victim = i;
            }
        }
        return victim;
    }
}
