package dev.hive.relay.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;
import java.util.EnumSet;

/**
 * Puts a {@link Frame} on a Lanterna screen. Every row is written full width, so the screen's
 * delta refresh sends only the cells that really changed. Without colour only bold and reverse
 * video are used.
 */
final class ScreenPainter {

    private final boolean color;
    private final Glyphs glyphs;

    ScreenPainter(boolean color, Glyphs glyphs) {
        this.color = color;
        this.glyphs = glyphs;
    }

    void paint(Screen screen, Frame frame) {
        TerminalSize size = screen.getTerminalSize();
        TextGraphics g = screen.newTextGraphics();
        for (int row = 0; row < size.getRows(); row++) {
            Line line = row < frame.lines().size() ? frame.lines().get(row) : Line.EMPTY;
            boolean dim = frame.stale() && line.data();
            int col = 0;
            for (Span span : line.spans()) {
                if (col >= size.getColumns()) {
                    break;
                }
                Style style = span.style() == Style.PLAIN ? line.fill() : span.style();
                apply(g, line.fill() == Style.SELECTED ? Style.SELECTED : style, dim);
                String text = span.text();
                int room = size.getColumns() - col;
                g.putString(col, row, text.length() > room ? text.substring(0, room) : text);
                col += text.length();
            }
            if (col < size.getColumns()) {
                apply(g, line.fill(), dim);
                g.putString(col, row, " ".repeat(size.getColumns() - col));
            }
        }
        if (frame.overlay() != null) {
            paintBox(g, frame.overlay(), size);
        }
        screen.setCursorPosition(frame.cursorColumn() < 0 ? null
                : new TerminalPosition(frame.cursorColumn(), frame.cursorRow()));
    }

    private void paintBox(TextGraphics g, Frame.Box box, TerminalSize size) {
        String corners = glyphs.boxCorners();
        String horizontal = String.valueOf(glyphs.boxHorizontal());
        String vertical = String.valueOf(glyphs.boxVertical());
        int x = box.column();
        int y = box.row();
        int inner = box.width();
        String title = " " + box.title() + " ";
        String top = corners.charAt(0) + horizontal + title
                + horizontal.repeat(Math.max(0, inner - 1 - title.length())) + corners.charAt(1);
        apply(g, Style.TITLE, false);
        g.putString(x, y, top);
        for (int i = 0; i < box.lines().size(); i++) {
            int row = y + 1 + i;
            apply(g, Style.TITLE, false);
            g.putString(x, row, vertical);
            int col = x + 1;
            for (Span span : box.lines().get(i).spans()) {
                apply(g, span.style(), false);
                g.putString(col, row, span.text());
                col += span.text().length();
            }
            apply(g, Style.PLAIN, false);
            g.putString(col, row, " ".repeat(Math.max(0, x + 1 + inner - col)));
            apply(g, Style.TITLE, false);
            g.putString(x + 1 + inner, row, vertical);
        }
        apply(g, Style.TITLE, false);
        g.putString(x, y + 1 + box.lines().size(), corners.charAt(2) + horizontal.repeat(inner) + corners.charAt(3));
    }

    private void apply(TextGraphics g, Style style, boolean dim) {
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setModifiers(EnumSet.noneOf(SGR.class));
        if (!color) {
            switch (style) {
                case TITLE, WARN, CRIT, KEY, TABLE_HEAD -> g.enableModifiers(SGR.BOLD);
                case ALERT -> g.enableModifiers(SGR.BOLD, SGR.REVERSE);
                case SELECTED -> g.enableModifiers(SGR.REVERSE);
                default -> { }
            }
            return;
        }
        if (dim && style != Style.SELECTED && style != Style.TABLE_HEAD) {
            g.setForegroundColor(TextColor.ANSI.BLACK_BRIGHT);
            return;
        }
        switch (style) {
            case TITLE, KEY -> g.enableModifiers(SGR.BOLD);
            case LABEL -> g.setForegroundColor(TextColor.ANSI.CYAN);
            case DIM -> g.setForegroundColor(TextColor.ANSI.BLACK_BRIGHT);
            case OK, SPARK -> g.setForegroundColor(TextColor.ANSI.GREEN);
            case WARN -> {
                g.setForegroundColor(TextColor.ANSI.YELLOW);
                g.enableModifiers(SGR.BOLD);
            }
            case CRIT -> {
                g.setForegroundColor(TextColor.ANSI.RED);
                g.enableModifiers(SGR.BOLD);
            }
            case ALERT -> {
                g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
                g.setBackgroundColor(TextColor.ANSI.RED);
                g.enableModifiers(SGR.BOLD);
            }
            case TABLE_HEAD -> {
                g.setForegroundColor(TextColor.ANSI.BLACK);
                g.setBackgroundColor(TextColor.ANSI.CYAN);
            }
            case SELECTED -> g.enableModifiers(SGR.REVERSE);
            default -> { }
        }
    }
}
