package dev.hive.relay.tui;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One rendered screen, independent of Lanterna: {@link ScreenPainter} puts it on a terminal and
 * {@link #text()} turns it into plain lines for {@code top --once}.
 *
 * @param overlay  a box drawn over the lines (the help), or null
 * @param cursorColumn where to show the terminal cursor (the filter prompt), or -1 to hide it
 * @param stale    the relay is unreachable and the data lines show the last known state
 */
record Frame(List<Line> lines, Box overlay, int cursorColumn, int cursorRow, boolean stale) {

    Frame {
        lines = List.copyOf(lines);
    }

    /** A framed block at a position, its lines already padded to the inner width. */
    record Box(int column, int row, int width, String title, List<Line> lines) {
        Box {
            lines = List.copyOf(lines);
        }
    }

    String text() {
        return lines.stream().map(l -> l.text().stripTrailing()).collect(Collectors.joining("\n"));
    }
}
