package dev.hive.relay.tui;

import static dev.hive.relay.tui.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hive.relay.stats.RelaySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code top --once}: one frame as plain text, no terminal. */
class TopTextTest {

    private final RelaySnapshot first = Fixtures.snapshot().workspaces(ScreenTest.crowded()).build();
    private final RelaySnapshot second = Fixtures.snapshot().workspaces(ScreenTest.crowded()).at(T0 + 2_000)
            .requests(first.traffic().requests() + 1000).build();

    @Test
    void oneSnapshotMeansMeasuring() {
        String text = TopText.renderText(null, first, 80, 24);
        List<String> lines = text.lines().toList();
        assertEquals("hive-relay 1.4.2  up 3d 4h  gate allowlist (3 tokens)", lines.get(0));
        assertEquals("requests     measuring…", lines.get(2));
        assertFalse(text.contains("q quit"), "no key hints in a script");
        assertFalse(text.contains("every 1s"));
    }

    @Test
    void twoSnapshotsGiveRates() {
        String text = TopText.renderText(first, second, 80, 24);
        assertTrue(text.lines().toList().get(2).startsWith("requests          500/s"), text);
    }

    @Test
    void linesFitTheWidthWithoutTrailingSpaces() {
        for (int width : new int[] {40, 80, 132}) {
            for (String line : TopText.renderText(first, second, width, 24).lines().toList()) {
                assertTrue(line.length() <= width, width + ": " + line);
                assertEquals(line.stripTrailing(), line);
            }
        }
        assertEquals(24, TopText.renderText(first, second, 80, 24).lines().count());
    }

    @Test
    void heightZeroListsEveryWorkspace() {
        String text = TopText.renderText(first, second, 160, 0);
        assertEquals(first.workspaces().size(), text.lines().filter(l -> l.startsWith("room-") || l.startsWith("team-")
                || l.startsWith("alpha") || l.startsWith("bravo") || l.startsWith("charlie")).count());
        assertTrue(text.contains(ScreenTest.LONG_ID));
    }

    @Test
    void asciiOption() {
        String text = TopText.renderText(null, first, 80, 24, TopOptions.defaults().withAscii(true));
        assertTrue(text.chars().allMatch(c -> c < 128), text);
        assertTrue(text.contains("measuring..."));
    }
}
