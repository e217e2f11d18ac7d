package dev.hive.relay.tui;

import static dev.hive.relay.tui.Fixtures.MIB;
import static dev.hive.relay.tui.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.hive.relay.stats.HealthVerdict;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.WorkspaceStats;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the console shows, read back from Lanterna's virtual terminal. */
class ScreenTest {

    static final String LONG_ID = "team-0f3a9c2e-6b1d-4e8a-9f2c-7d5e1a3b4c6d-production";

    private final RelaySnapshot first = Fixtures.snapshot().build();
    // 1000 requests, 300 envelopes in and 2 MiB in over 2 s of the relay's clock.
    private final RelaySnapshot second = Fixtures.snapshot().at(T0 + 2_000)
            .requests(first.traffic().requests() + 1000)
            .envelopes(first.traffic().envelopesIn() + 300, first.traffic().envelopesOut() + 600)
            .bytes(first.traffic().bytesIn() + 2 * MIB, first.traffic().bytesOut() + 4 * MIB)
            .errors(first.traffic().status4xx() + 1, 0)
            .build();

    static List<WorkspaceStats> crowded() {
        List<WorkspaceStats> list = new ArrayList<>(Fixtures.threeWorkspaces());
        list.add(Fixtures.workspace(LONG_ID, 4, 123_456, 300 * MIB, 9_876_543, 9_753_086, T0 - 1_000, 7, 123_456));
        for (int i = 0; i < 30; i++) {
            list.add(Fixtures.workspace("room-" + i, i % 4, i * 10L, i * 1000L, i, 1, T0 - i * 1000L, 1, 0));
        }
        return list;
    }

    @Test
    void firstFrameShowsHeaderAndMeasuringInsteadOfZeros() {
        Harness h = new Harness(80, 24).then(first).start();
        assertEquals(pad("hive-relay 1.4.2  up 3d 4h  gate allowlist (3 tokens)", "every 1s", 80), h.row(0));
        assertEquals(pad("health OK  listen public 0.0.0.0:8443  admin 127.0.0.1:8444", "", 80), h.row(1));
        assertTrue(h.row(2).startsWith("requests     measuring…"), h.row(2));
        assertTrue(h.row(3).startsWith("envelopes in measuring…"), h.row(3));
        assertFalse(h.text().contains("0/s"), "no zero rates before there are two snapshots");
    }

    @Test
    void ratesComeFromCounterDeltasOverServerTime() {
        Harness h = new Harness(80, 24).then(first, second).start();
        h.advance(1_000); // the viewer's clock is irrelevant: the relay's says 2 s passed
        assertTrue(h.row(2).startsWith("requests          500/s  4xx      0.5/s  5xx      0/s"), h.row(2));
        assertTrue(h.row(3).startsWith("envelopes in      150/s  out      300/s"), h.row(3));
        assertTrue(h.row(4).startsWith("bytes in        1 MiB/s  out    2 MiB/s"), h.row(4));
        assertTrue(h.row(2).endsWith("█"), "the request sparkline has its first sample: " + h.row(2));
    }

    @Test
    void memoryBarsAndTotals() {
        Harness h = new Harness(80, 24).then(first).start();
        assertEquals(pad("queue  [███░░░░░░░░░░░░░░░░░]  16%  ≈40 MiB of 256 MiB budget  26 MiB payload", "", 80), h.row(5));
        assertEquals(pad("heap   [███████░░░░░░░░░░░░░]  35%  180 MiB of 512 MiB  rss 230 MiB  41 threads", "", 80), h.row(6));
        assertEquals(pad("3 workspaces  8 devices (3 active)  4 streams  store sqlite 12 MiB", "", 80), h.row(7));
    }

    @Test
    void at80ColumnsEveryRowIsWhatWasIntendedAndNothingIsCutMidWord() {
        RelaySnapshot busy = Fixtures.snapshot().workspaces(crowded())
                .health(HealthVerdict.Level.WARN, "queue memory at 85% of the budget, consider lowering retention",
                        "heap above 80%")
                .build();
        Harness h = new Harness(80, 24).then(busy).start();
        Frame intended = h.intendedFrame();
        List<String> rows = h.rows();
        for (int r = 0; r < rows.size(); r++) {
            String line = intended.lines().get(r).text();
            assertTrue(line.length() <= 80, "row " + r + " fits: " + line);
            assertEquals(pad(line, "", 80), rows.get(r), "row " + r);
        }
        assertEquals(pad("health WARN: queue memory at 85% of the budget, consider lowering… (+1 more)", "", 80), h.row(1));
        assertEquals(pad("WORKSPACE              DEVS QUEUED   BYTES▼    HEAD  OLDEST IDLE STREAMS EVICTED", "", 80),
                h.row(h.find("WORKSPACE")));
        assertEquals(pad("q quit  ? help  / filter  s sort  r reverse  Enter open  p pause  +/- interval", "", 80), h.row(23));
    }

    @Test
    void longRoomIdsAreTruncatedInTheMiddleWhenNarrowAndShownWholeWhenWide() {
        RelaySnapshot busy = Fixtures.snapshot().workspaces(crowded()).build();
        Harness narrow = new Harness(80, 24).then(busy).start();
        String row = narrow.row(narrow.find("team-"));
        assertTrue(row.startsWith("team-0f3a9c…production "), row);
        assertFalse(narrow.text().contains(LONG_ID));

        Harness wide = new Harness(160, 50).then(busy).start();
        assertTrue(wide.row(wide.find("team-")).startsWith(LONG_ID + "  "), wide.row(wide.find("team-")));
    }

    @Test
    void wideScreenShowsEverything() {
        Harness h = new Harness(160, 50).then(first, second).start();
        h.advance(1_000);
        assertTrue(h.row(0).startsWith("hive-relay 1.4.2  up 3d 4h  gate allowlist (3 tokens)"));
        assertTrue(h.row(0).endsWith("every 1s"));
        assertTrue(h.row(2).contains("500/s"));
        assertTrue(h.row(5).contains("26 MiB payload in 350 envelopes"), h.row(5));
        assertTrue(h.row(6).contains("gc 12 in 340ms"), h.row(6));
        assertTrue(h.row(7).contains("14 keyring entries"), h.row(7));
        assertEquals("WORKSPACE  DEVS  QUEUED  BYTES▼  HEAD  OLDEST  IDLE  STREAMS  EVICTED", h.row(8).strip());
        assertEquals(List.of("charlie", "alpha", "bravo"), h.tableIds());
        assertTrue(h.row(49).startsWith("q quit  ? help  / filter"));
    }

    @Test
    void sortKeysCycleColumnsAndReverse() {
        Harness h = new Harness(80, 24).then(first).start();
        assertEquals(List.of("charlie", "alpha", "bravo"), h.tableIds(), "default: bytes, largest first");
        h.press('s');
        assertTrue(h.row(h.find("WORKSPACE")).contains("HEAD▼"));
        assertEquals(List.of("bravo", "alpha", "charlie"), h.tableIds());
        h.press('r');
        assertTrue(h.row(h.find("WORKSPACE")).contains("HEAD▲"));
        assertEquals(List.of("charlie", "alpha", "bravo"), h.tableIds());
        h.press(Screens.key(KeyType.ArrowRight), Screens.key(KeyType.ArrowRight));
        assertTrue(h.row(h.find("WORKSPACE")).contains("IDLE▲"), "idle starts with the most recent");
        assertEquals(List.of("alpha", "bravo", "charlie"), h.tableIds());
        h.press('S', 'S', 'S', 'S', 'S', 'S');
        assertTrue(h.row(h.find("WORKSPACE")).contains("WORKSPACE▲"));
        assertEquals(List.of("alpha", "bravo", "charlie"), h.tableIds());
    }

    @Test
    void filterPromptNarrowsTheTableAndEscClearsIt() {
        Harness h = new Harness(80, 24).then(first).start();
        h.press('/');
        assertTrue(h.row(23).startsWith("filter: "), h.row(23));
        h.type("AR");
        assertTrue(h.row(23).startsWith("filter: AR "), h.row(23));
        assertEquals(3, h.tableIds().size(), "applies on Enter only");
        h.press(Screens.key(KeyType.Enter));
        assertEquals(List.of("charlie"), h.tableIds());
        assertTrue(h.row(23).endsWith("filter \"AR\" 1/3"), h.row(23));
        h.press('/');
        h.press(Screens.key(KeyType.Escape));
        assertEquals(3, h.tableIds().size());
        h.press('/');
        h.type("zzz");
        h.press(Screens.key(KeyType.Enter));
        assertTrue(h.find("no workspace id contains \"zzz\"") > 0);
    }

    @Test
    void enterOpensTheDrillDownAndEscReturns() {
        Harness h = new Harness(80, 24).then(first).start();
        h.press(Screens.key(KeyType.ArrowDown), Screens.key(KeyType.Enter));
        assertEquals(pad("workspace alpha", "", 80), h.row(2));
        assertEquals(pad("queued 10 envelopes, 5 MiB  head 110  oldest 101", "", 80), h.row(3));
        assertEquals(pad("streams 1  evictions 0  last activity 3s ago  devices 2 (1 active)", "", 80), h.row(4));
        assertTrue(h.row(6).startsWith("DEVICE          LAST SEEN  ACTIVE"), h.row(6));
        assertTrue(h.row(7).startsWith("alpha-device-0         3s     yes"), h.row(7));
        assertTrue(h.row(8).startsWith("alpha-device-1         1m      no"), h.row(8));
        assertTrue(h.row(23).startsWith("Esc back  ↑/↓ scroll"), h.row(23));
        h.press(Screens.key(KeyType.Escape));
        assertEquals(List.of("charlie", "alpha", "bravo"), h.tableIds());
    }

    @Test
    void theSelectedRowIsReversedAndFollowsItsWorkspace() {
        Harness h = new Harness(80, 24).then(first).start();
        int charlie = h.find("charlie");
        assertTrue(cell(h, 0, charlie).isReversed());
        assertTrue(cell(h, 79, charlie).isReversed(), "full width");
        assertFalse(cell(h, 0, h.find("alpha")).isReversed());
        h.press('s'); // by head: bravo, alpha, charlie
        assertTrue(cell(h, 0, h.find("charlie")).isReversed(), "still charlie, now last");
    }

    @Test
    void helpOverlayListsTheKeysAndAnyKeyClosesIt() {
        Harness h = new Harness(80, 24).then(first).start();
        h.press('?');
        String text = h.text();
        assertTrue(text.contains("┌─ help ─"), text);
        for (String key : List.of("q  Ctrl-C", "?  h", "p  Space", "+  -", "s  S  → ←", "r ", "/ ", "↑ ↓ PgUp PgDn", "Enter", "Esc")) {
            assertTrue(text.contains("│ " + key), key);
        }
        assertTrue(text.contains("filter by workspace id (Enter apply, Esc clear)"));
        h.press('x');
        assertFalse(h.text().contains("┌─ help"));
        assertTrue(h.tick(), "the key that closed help did nothing else");
    }

    @Test
    void unreachableRelayKeepsDimmedDataRetriesAndRecovers() {
        RelaySnapshot third = Fixtures.snapshot().at(T0 + 4_000).build();
        Harness h = new Harness(80, 24).then(first).thenFail(new ConnectException("Connection refused")).then(third).start();
        h.advance(1_000);
        assertEquals(pad("relay unreachable — retrying every 1s  (Connection refused)", "data from 1s ago", 80), h.row(2));
        TextCharacter banner = cell(h, 0, 2);
        assertEquals(TextColor.ANSI.RED, banner.getBackgroundColor());
        int charlie = h.find("charlie");
        assertTrue(charlie > 0, "the last data stays on screen");
        assertEquals(TextColor.ANSI.BLACK_BRIGHT, cell(h, 3, charlie + 1).getForegroundColor(), "dimmed");
        h.advance(1_000);
        assertEquals(-1, h.find("unreachable"), "recovered");
        assertNotEquals(TextColor.ANSI.BLACK_BRIGHT, cell(h, 3, h.find("alpha")).getForegroundColor());
        assertEquals(3, h.fetches);
    }

    @Test
    void unreachableFromTheStart() {
        Harness h = new Harness(80, 24).thenFail(new ConnectException("Connection refused")).start();
        assertTrue(h.row(0).startsWith("hive-relay top  no data yet"), h.row(0));
        assertTrue(h.row(1).startsWith("relay unreachable — retrying every 1s  (Connection refused)"), h.row(1));
    }

    @Test
    void noColorUsesNoColoursOnlyBoldAndReverse() {
        Harness h = new Harness(80, 24, TopOptions.defaults().withNoColor(true))
                .then(first).thenFail(new ConnectException("Connection refused")).start();
        h.advance(1_000);
        for (int r = 0; r < 24; r++) {
            for (int c = 0; c < 80; c++) {
                TextCharacter ch = cell(h, c, r);
                assertEquals(TextColor.ANSI.DEFAULT, ch.getForegroundColor(), "fg at " + c + "," + r);
                assertEquals(TextColor.ANSI.DEFAULT, ch.getBackgroundColor(), "bg at " + c + "," + r);
            }
        }
        assertTrue(cell(h, 0, 2).isReversed(), "the notice stands out without colour");
        assertTrue(cell(h, 0, h.find("WORKSPACE")).isBold());
    }

    @Test
    void colourModeUsesColour() {
        Harness h = new Harness(80, 24).then(first).start();
        assertEquals(TextColor.ANSI.CYAN, cell(h, 0, h.find("WORKSPACE")).getBackgroundColor());
        assertEquals(TextColor.ANSI.GREEN, cell(h, 7, 1).getForegroundColor(), "health OK");
    }

    @Test
    void asciiGlyphs() {
        Harness h = new Harness(80, 24, TopOptions.defaults().withAscii(true)).then(first).start();
        assertTrue(h.row(2).startsWith("requests     measuring..."));
        assertTrue(h.row(h.find("WORKSPACE")).contains("BYTESv"));
        assertTrue(h.row(5).startsWith("queue  [###.................]"), h.row(5));
        for (String row : h.rows()) {
            assertTrue(row.chars().allMatch(c -> c < 128), row);
        }
    }

    @Test
    void followsResizes() {
        Harness h = new Harness(80, 24).then(first).start();
        h.resize(120, 30);
        assertTrue(h.row(0).endsWith("every 1s"));
        assertEquals(120, h.row(0).length());
        assertTrue(h.row(29).startsWith("q quit"));
        h.resize(60, 20);
        assertTrue(h.row(19).startsWith("q quit  ? help"));
        for (String row : h.rows()) {
            assertEquals(60, row.length());
        }
        assertTrue(h.row(h.find("WORKSPACE")).startsWith("WORKSPACE"));
    }

    @Test
    void shortScreensGiveUpSectionsBeforeTheTable() {
        Harness h = new Harness(80, 12).then(first).start();
        assertTrue(h.find("WORKSPACE") > 0);
        assertEquals(3, h.tableIds().size());
        assertEquals(-1, h.find("store sqlite"), "totals go first");
        Harness tiny = new Harness(20, 5).then(first).start();
        assertTrue(tiny.row(0).startsWith("hive-relay 1.4.2"), tiny.row(0));
        assertTrue(tiny.row(4).startsWith("q quit  ? help"), tiny.row(4));
    }

    private static TextCharacter cell(Harness h, int column, int row) {
        return Screens.cell(h.terminal, column, row);
    }

    /** {@code left} and {@code right} on one row of {@code width}, right flush to the edge. */
    static String pad(String left, String right, int width) {
        return left + " ".repeat(width - left.length() - right.length()) + right;
    }
}
