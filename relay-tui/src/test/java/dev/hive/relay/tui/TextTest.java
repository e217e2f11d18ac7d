package dev.hive.relay.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void truncatesInTheMiddleKeepingBothEnds() {
        String id = "team-0f3a9c2e-6b1d-4e8a-production";
        String cut = Text.truncateMiddle(id, 15, "…");
        assertEquals(15, cut.length());
        assertEquals("team-0f…duction", cut);
        assertEquals(id, Text.truncateMiddle(id, id.length(), "…"));
        assertEquals("tea...on", Text.truncateMiddle(id, 8, "..."));
    }

    @Test
    void fitWordsNeverSplitsAWord() {
        assertEquals("queue memory…", Text.fitWords("queue memory at 85% of budget", 15, "…"));
        assertEquals("short", Text.fitWords("short", 15, "…"));
        assertEquals("", Text.fitWords("unbreakable-identifier", 10, "…"));
    }

    @Test
    void sanitizeNeutralisesControlCharacters() {
        assertEquals("evil?[2Jroom", Text.sanitize("evil\u001b[2Jroom"));
        assertEquals("a?b", Text.sanitize("a\nb"));
        assertEquals("", Text.sanitize(null));
    }

    @Test
    void padding() {
        assertEquals("ab  ", Text.padRight("ab", 4));
        assertEquals("  ab", Text.padLeft("ab", 4));
        assertEquals("abcdef", Text.padLeft("abcdef", 4));
    }
}
