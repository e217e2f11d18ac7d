package dev.hive.relay.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * Three rows of per-second rates, each value in a fixed-width field so figures do not jitter,
 * with sparklines of the request and envelope-in rates to the right when there is room.
 */
final class RatesView {

    private static final int LABEL = 13;
    private static final int VALUE = 10;
    private static final int KEY = 4;
    /** Where the sparklines start: after label, two value groups and the 5xx group. */
    private static final int TEXT_WIDTH = LABEL + VALUE + 2 + KEY + VALUE + 2 + KEY + 8;
    private static final int MIN_SPARK = 10;

    private final Glyphs glyphs;

    RatesView(Glyphs glyphs) {
        this.glyphs = glyphs;
    }

    List<Line> lines(TopModel model, int width) {
        List<Line> lines = new ArrayList<>();
        Rates r = model.rates().orElse(null);
        int spark = width - TEXT_WIDTH - 2;
        boolean graphs = spark >= MIN_SPARK;
        if (r == null) {
            lines.add(measuring("requests", width));
            lines.add(measuring("envelopes in", width));
            lines.add(measuring("bytes in", width));
        } else {
            lines.add(row(width, "requests", Format.rate(r.requests()),
                    "4xx", Format.rate(r.status4xx()), "5xx", Format.rate(r.status5xx())));
            lines.add(row(width, "envelopes in", Format.rate(r.envelopesIn()),
                    "out", Format.rate(r.envelopesOut()), null, null));
            lines.add(row(width, "bytes in", Format.bytesPerSecond(r.bytesIn()),
                    "out", Format.bytesPerSecond(r.bytesOut()), null, null));
        }
        if (graphs) {
            lines.set(0, withSpark(lines.get(0), model.requestTrend(), spark));
            lines.set(1, withSpark(lines.get(1), model.envelopeTrend(), spark));
            String caption = "graphs: last " + Format.interval(java.time.Duration.ofMillis(model.requestTrend().windowMillis()));
            if (caption.length() <= spark) {
                lines.set(2, lines.get(2).padTo(TEXT_WIDTH + 2, Style.PLAIN).append(Span.of(caption, Style.DIM)));
            }
        }
        List<Line> out = new ArrayList<>();
        for (Line line : lines) {
            out.add(line.asData());
        }
        return out;
    }

    private Line measuring(String label, int width) {
        String text = glyphs.measuring();
        if (LABEL + text.length() > width) {
            return Line.of(Span.of(label, Style.LABEL));
        }
        return Line.of(Span.of(Text.padRight(label, LABEL), Style.LABEL), Span.of(text, Style.DIM));
    }

    private static Line row(int width, String label, String v1, String k2, String v2, String k3, String v3) {
        List<Span> spans = new ArrayList<>();
        spans.add(Span.of(Text.padRight(label, LABEL), Style.LABEL));
        spans.add(Span.plain(Text.padLeft(v1, VALUE)));
        int used = LABEL + VALUE;
        int second = 2 + KEY + VALUE;
        if (used + second <= width) {
            spans.add(Span.of("  " + Text.padRight(k2, KEY), Style.LABEL));
            spans.add(Span.plain(Text.padLeft(v2, VALUE)));
            used += second;
            int third = 2 + KEY + 8;
            if (k3 != null && used + third <= width) {
                spans.add(Span.of("  " + Text.padRight(k3, KEY), Style.LABEL));
                spans.add(Span.plain(Text.padLeft(v3, 8)));
            }
        }
        return Line.of(spans);
    }

    private Line withSpark(Line line, RateHistory trend, int width) {
        if (trend.isEmpty()) {
            return line;
        }
        String graph = Sparkline.render(trend.buckets(width), glyphs);
        return line.padTo(TEXT_WIDTH + 2, Style.PLAIN).append(Span.of(graph, Style.SPARK));
    }
}
