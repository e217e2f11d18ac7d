package dev.hive.relay.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.ArrayList;
import java.util.List;

/** Reading Lanterna's virtual terminal back as text, and typing into it. */
final class Screens {

    private Screens() {
    }

    static DefaultVirtualTerminal terminal(int columns, int rows) {
        return new DefaultVirtualTerminal(new TerminalSize(columns, rows));
    }

    static String row(DefaultVirtualTerminal terminal, int row) {
        int columns = terminal.getTerminalSize().getColumns();
        StringBuilder sb = new StringBuilder(columns);
        for (int col = 0; col < columns; col++) {
            sb.append(terminal.getCharacter(col, row).getCharacterString());
        }
        return sb.toString();
    }

    static List<String> rows(DefaultVirtualTerminal terminal) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < terminal.getTerminalSize().getRows(); r++) {
            rows.add(row(terminal, r));
        }
        return rows;
    }

    static String text(DefaultVirtualTerminal terminal) {
        return String.join("\n", rows(terminal));
    }

    /** The first row containing {@code needle}, or -1. */
    static int find(DefaultVirtualTerminal terminal, String needle) {
        List<String> rows = rows(terminal);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains(needle)) {
                return i;
            }
        }
        return -1;
    }

    static TextCharacter cell(DefaultVirtualTerminal terminal, int column, int row) {
        return terminal.getCharacter(column, row);
    }

    static KeyStroke key(char c) {
        return new KeyStroke(c, false, false);
    }

    static KeyStroke key(KeyType type) {
        return new KeyStroke(type);
    }

    static KeyStroke ctrl(char c) {
        return new KeyStroke(c, true, false);
    }

    static void type(DefaultVirtualTerminal terminal, String text) {
        for (char c : text.toCharArray()) {
            terminal.addInput(key(c));
        }
    }
}
