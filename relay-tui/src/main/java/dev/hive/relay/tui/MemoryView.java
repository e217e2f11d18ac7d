package dev.hive.relay.tui;

import dev.hive.relay.stats.ProcessInfo;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.Totals;
import java.util.List;

/** Queue memory against its budget and the JVM heap, as bars with the figures beside them. */
final class MemoryView {

    private static final int LABEL = 7;

    private final Glyphs glyphs;

    MemoryView(Glyphs glyphs) {
        this.glyphs = glyphs;
    }

    List<Line> lines(RelaySnapshot s, int width) {
        return List.of(queue(s.totals(), width).asData(), heap(s.process(), width).asData());
    }

    private Line queue(Totals t, int width) {
        LineFitter fit = LineFitter.of(width, glyphs);
        String memory = glyphs.approx() + Format.bytes(t.queuedMemoryBytes());
        if (t.memoryBudgetBytes() > 0) {
            double used = (double) t.queuedMemoryBytes() / t.memoryBudgetBytes();
            fit.left(bar("queue", used, width));
            fit.left(LineFitter.Item.plain(1, memory + " of " + Format.bytes(t.memoryBudgetBytes()) + " budget")
                    .orPlain(memory + " of " + Format.bytes(t.memoryBudgetBytes())));
        } else {
            fit.left(LineFitter.Item.of(0, Span.of(Text.padRight("queue", LABEL), Style.LABEL), Span.plain(memory + " in memory")));
        }
        fit.left(LineFitter.Item.plain(2, Format.bytes(t.queuedBytes()) + " payload in "
                        + Format.plural(t.queuedEvents(), "envelope", "envelopes"))
                .orPlain(Format.bytes(t.queuedBytes()) + " payload"));
        return fit.build();
    }

    private Line heap(ProcessInfo p, int width) {
        LineFitter fit = LineFitter.of(width, glyphs);
        if (p.heapMaxBytes() > 0) {
            fit.left(bar("heap", (double) p.heapUsedBytes() / p.heapMaxBytes(), width));
            fit.left(LineFitter.Item.plain(1, Format.bytes(p.heapUsedBytes()) + " of " + Format.bytes(p.heapMaxBytes())));
        } else {
            fit.left(LineFitter.Item.of(0, Span.of(Text.padRight("heap", LABEL), Style.LABEL),
                    Span.plain(Format.bytes(p.heapUsedBytes()) + " used")));
        }
        if (p.rssBytes() >= 0) {
            fit.left(LineFitter.Item.of(3, Span.of("rss ", Style.LABEL), Span.plain(Format.bytes(p.rssBytes()))));
        }
        fit.left(LineFitter.Item.plain(4, Format.plural(p.threads(), "thread", "threads")));
        fit.left(LineFitter.Item.of(5, Span.of("gc ", Style.LABEL),
                Span.plain(p.gcCount() + " in " + Format.interval(java.time.Duration.ofMillis(p.gcTimeMillis())))));
        return fit.build();
    }

    /** {@code queue  [████░░░░]  16%}, the bar a quarter of the width (10 to 40 cells). */
    private LineFitter.Item bar(String label, double fraction, int width) {
        int cells = Math.max(10, Math.min(40, width / 4));
        double clamped = Math.max(0, Math.min(1, fraction));
        int full = (int) Math.round(clamped * cells);
        Style level = fraction >= 0.9 ? Style.CRIT : fraction >= 0.75 ? Style.WARN : Style.OK;
        return LineFitter.Item.of(0,
                Span.of(Text.padRight(label, LABEL), Style.LABEL),
                Span.plain("["),
                Span.of(String.valueOf(glyphs.barFull()).repeat(full), level),
                Span.of(String.valueOf(glyphs.barEmpty()).repeat(cells - full), Style.DIM),
                Span.plain("] " + Text.padLeft(Format.percent(fraction), 4)))
                .or(Span.of(Text.padRight(label, LABEL), Style.LABEL), Span.plain(Text.padLeft(Format.percent(fraction), 4)));
    }
}
