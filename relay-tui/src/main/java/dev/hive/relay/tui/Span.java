package dev.hive.relay.tui;

/** A run of text in one style. */
record Span(String text, Style style) {

    static Span plain(String text) {
        return new Span(text, Style.PLAIN);
    }

    static Span of(String text, Style style) {
        return new Span(text, style);
    }
}
