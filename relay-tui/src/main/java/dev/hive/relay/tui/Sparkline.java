package dev.hive.relay.tui;

/** One character per value, scaled to the largest; a blank where there is no data yet. */
final class Sparkline {

    private Sparkline() {
    }

    static String render(double[] values, Glyphs glyphs) {
        String ramp = glyphs.sparkRamp();
        int top = ramp.length() - 1;
        double max = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        StringBuilder sb = new StringBuilder(values.length);
        for (double v : values) {
            if (Double.isNaN(v)) {
                sb.append(' ');
            } else if (v <= 0 || max <= 0) {
                sb.append(ramp.charAt(0));
            } else {
                // The lowest glyph means idle; any traffic at all shows at least one step up.
                int level = 1 + (int) Math.min(top - 1, Math.floor(v / max * top));
                sb.append(ramp.charAt(level));
            }
        }
        return sb.toString();
    }
}
