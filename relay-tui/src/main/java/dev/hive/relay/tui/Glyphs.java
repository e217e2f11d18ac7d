package dev.hive.relay.tui;

/** Drawing characters, with an ASCII set for terminals that cannot show Unicode. */
record Glyphs(
        String ellipsis,
        String sparkRamp,
        char barFull,
        char barEmpty,
        String ascending,
        String descending,
        String dash,
        String approx,
        String upDown,
        char boxHorizontal,
        char boxVertical,
        String boxCorners) {

    static final Glyphs UNICODE =
            new Glyphs("…", "▁▂▃▄▅▆▇█", '█', '░', "▲", "▼", "—", "≈", "↑/↓", '─', '│', "┌┐└┘");
    static final Glyphs ASCII =
            new Glyphs("...", "_.-~=+*#", '#', '.', "^", "v", "--", "~", "Up/Down", '-', '|', "++++");

    static Glyphs of(boolean ascii) {
        return ascii ? ASCII : UNICODE;
    }

    String measuring() {
        return "measuring" + ellipsis;
    }
}
