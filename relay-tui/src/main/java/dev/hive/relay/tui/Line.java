package dev.hive.relay.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * One screen row.
 *
 * @param fill style of the padding up to the right edge (a selected row is reversed full width)
 * @param data whether the row shows relay data, which is dimmed while that data is stale
 */
record Line(List<Span> spans, Style fill, boolean data) {

    static final Line EMPTY = new Line(List.of(), Style.PLAIN, false);

    Line {
        spans = List.copyOf(spans);
    }

    static Line of(Span... spans) {
        return new Line(List.of(spans), Style.PLAIN, false);
    }

    static Line of(List<Span> spans) {
        return new Line(spans, Style.PLAIN, false);
    }

    static Line plain(String text) {
        return of(Span.plain(text));
    }

    Line asData() {
        return new Line(spans, fill, true);
    }

    Line filled(Style style) {
        return new Line(spans, style, data);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (Span span : spans) {
            sb.append(span.text());
        }
        return sb.toString();
    }

    int length() {
        int n = 0;
        for (Span span : spans) {
            n += span.text().length();
        }
        return n;
    }

    /** Appends spaces (in the given style) up to {@code column}. */
    Line padTo(int column, Style style) {
        int missing = column - length();
        if (missing <= 0) {
            return this;
        }
        List<Span> out = new ArrayList<>(spans);
        out.add(Span.of(" ".repeat(missing), style));
        return new Line(out, fill, data);
    }

    Line append(Span... more) {
        List<Span> out = new ArrayList<>(spans);
        out.addAll(List.of(more));
        return new Line(out, fill, data);
    }
}
