package dev.hive.relay.tui;

/** String fitting for fixed-width cells; every character is assumed one column wide. */
final class Text {

    private Text() {
    }

    /**
     * Replaces characters that could move the cursor or change the terminal state (control
     * characters, escape sequences, lone surrogates): room ids come from clients.
     */
    static String sanitize(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.substring(0, i));
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Keeps both ends, which is what tells similar room ids apart: {@code team-a…e-1234}. */
    static String truncateMiddle(String s, int width, String ellipsis) {
        if (s.length() <= width) {
            return s;
        }
        if (width <= ellipsis.length()) {
            return s.substring(0, Math.max(0, width));
        }
        int keep = width - ellipsis.length();
        int head = (keep + 1) / 2;
        int tail = keep - head;
        return s.substring(0, head) + ellipsis + s.substring(s.length() - tail);
    }

    /** Shortens prose at a word boundary and marks the cut, so no word is ever split. */
    static String fitWords(String s, int width, String ellipsis) {
        if (s.length() <= width) {
            return s;
        }
        int room = width - ellipsis.length();
        if (room <= 0) {
            return "";
        }
        int cut = s.lastIndexOf(' ', room);
        if (cut <= 0) {
            return "";
        }
        return s.substring(0, cut).stripTrailing() + ellipsis;
    }

    static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
