package dev.hive.relay.tui;

import java.util.ArrayList;
import java.util.List;

/** The {@code ?} box: every key, then what the columns and graphs mean. */
final class HelpOverlay {

    private final Glyphs glyphs;
    private final List<String[]> keys;
    private final List<String> notes;

    HelpOverlay(Glyphs glyphs) {
        this.glyphs = glyphs;
        String arrows = glyphs == Glyphs.ASCII ? "Up Down PgUp PgDn" : "↑ ↓ PgUp PgDn";
        String leftRight = glyphs == Glyphs.ASCII ? "Right Left" : "→ ←";
        this.keys = List.of(
                new String[] {"q  Ctrl-C", "quit"},
                new String[] {"?  h", "show or hide this help"},
                new String[] {"p  Space", "pause or resume fetching"},
                new String[] {"+  -", "longer or shorter refresh interval"},
                new String[] {"s  S  " + leftRight, "sort by the next or previous column"},
                new String[] {"r", "reverse the sort order"},
                new String[] {"/", "filter by workspace id (Enter apply, Esc clear)"},
                new String[] {arrows, "move the selection (Home, End too)"},
                new String[] {"Enter", "open the selected workspace"},
                new String[] {"Esc", "back, or clear the filter"});
        this.notes = List.of(
                "DEVS devices seen  QUEUED envelopes held  BYTES payload held",
                "HEAD, OLDEST newest and oldest retained seq  IDLE since last activity",
                "STREAMS open event streams  EVICTED dropped by retention",
                "graphs: requests and envelopes in per second, last 5 minutes");
    }

    /** A centred box that fits {@code width} x {@code height}, or null if nothing fits. */
    Frame.Box box(int width, int height) {
        int keyWidth = 0;
        for (String[] k : keys) {
            keyWidth = Math.max(keyWidth, k[0].length());
        }
        List<Line> all = new ArrayList<>();
        for (String[] k : keys) {
            all.add(Line.of(Span.of(Text.padRight(k[0], keyWidth + 2), Style.KEY), Span.plain(k[1])));
        }
        all.add(Line.EMPTY);
        for (String note : notes) {
            all.add(Line.of(Span.of(note, Style.DIM)));
        }
        int inner = 0;
        for (Line l : all) {
            inner = Math.max(inner, l.length());
        }
        inner = Math.min(inner + 2, width - 2);
        int rows = Math.min(all.size() + 2, height - 2);
        if (inner < 10 || rows < 3) {
            return null;
        }
        List<Line> lines = new ArrayList<>();
        for (Line l : all.subList(0, rows - 2)) {
            lines.add(fit(l, inner - 2));
        }
        int column = (width - inner - 2) / 2;
        int row = Math.max(0, (height - rows) / 2);
        return new Frame.Box(column, row, inner, "help", lines);
    }

    // A line too long for a narrow box loses whole words from its end.
    private Line fit(Line line, int width) {
        if (line.length() <= width) {
            return Line.of(indent(line.spans()));
        }
        List<Span> spans = new ArrayList<>();
        int used = 0;
        for (Span s : line.spans()) {
            if (used + s.text().length() <= width) {
                spans.add(s);
                used += s.text().length();
            } else {
                String cut = Text.fitWords(s.text(), width - used, glyphs.ellipsis());
                if (!cut.isEmpty()) {
                    spans.add(Span.of(cut, s.style()));
                }
                break;
            }
        }
        return Line.of(indent(spans));
    }

    private static List<Span> indent(List<Span> spans) {
        List<Span> out = new ArrayList<>();
        out.add(Span.plain(" "));
        out.addAll(spans);
        return out;
    }
}
