package dev.hive.relay.cli;

import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.SnapshotJson;
import dev.hive.relay.stats.WorkspaceStats;
import dev.hive.relay.tui.TerminalOpener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hive-relay top} in-process against a real relay: the text frame, the JSON, the refusals. */
class TopCommandTest {

    private static final List<String> ROOMS = List.of("design-team", "ops-oncall", "k7Hq2mZp9xLwN0sQe8aF");

    @TempDir
    Path tmp;

    @Test
    void oncePrintsOneFrameWithRatesAndEveryRoom() {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            traffic(relay);
            TestRelay.Result once = relay.cli("top", "--once", "--delay", "200ms");
            assertEquals(0, once.exit(), once.toString());
            assertEquals("", once.err());
            String out = once.out();
            List<String> lines = out.lines().toList();
            assertTrue(lines.get(0).matches("hive-relay \\S+ +up \\d+s +gate open.*"), out);
            assertTrue(lines.get(1).startsWith("health OK"), out);
            assertTrue(out.contains("admin " + relay.server.adminAddress()), out);
            // Two snapshots 200 ms apart: rates are figures, not "measuring".
            assertTrue(out.lines().anyMatch(l -> l.matches("requests +[0-9.]+/s .*")), out);
            assertFalse(out.contains("measuring"), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("WORKSPACE ")), out);
            for (String room : ROOMS) {
                assertTrue(out.lines().anyMatch(l -> l.startsWith(room + " ")), room + " in\n" + out);
            }
            assertTrue(out.endsWith("\n") && !out.endsWith("\n\n"), out);
            assertFalse(out.contains("\u001b"), "plain text, no escape sequences");
            int width = TopCommand.width(System.getenv());
            assertTrue(lines.stream().allMatch(l -> l.length() <= width), "fits " + width + " columns:\n" + out);
        }
    }

    @Test
    void onceAsciiDrawsWithAsciiOnly() {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            traffic(relay);
            TestRelay.Result once = relay.cli("top", "--once", "--ascii", "--delay", "100ms");
            assertEquals(0, once.exit(), once.toString());
            assertTrue(once.out().chars().allMatch(c -> c < 128), once.out());
            assertTrue(once.out().contains("design-team"), once.out());
        }
    }

    @Test
    void onceJsonIsTheSnapshotLikeStatusJson() {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            traffic(relay);
            TestRelay.Result json = relay.cli("top", "--once", "--json");
            assertEquals(0, json.exit(), json.toString());
            assertEquals("", json.err());
            assertTrue(json.out().startsWith("{") && json.out().endsWith("}\n"), json.out());
            RelaySnapshot snapshot = SnapshotJson.read(json.out());
            assertEquals(ROOMS.stream().sorted().toList(),
                    snapshot.workspaces().stream().map(WorkspaceStats::id).sorted().toList());
            assertTrue(snapshot.workspaces().stream().allMatch(w -> w.headSeq() == 2), json.out());
        }
    }

    @Test
    void withoutATerminalItSaysSoInOneLine() {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            TestRelay.Result live = relay.cli("top");
            assertEquals(1, live.exit(), live.toString());
            assertEquals("", live.out());
            assertEquals("hive-relay: " + TerminalOpener.NO_TTY_MESSAGE + "\n", live.err());
            assertTrue(live.err().contains("--once") && live.err().contains("status --json"), live.err());
        }
        // No relay at all: still the terminal is what is missing (the console itself would wait and retry).
        TestRelay.Result nothing = TestRelay.run("top", "--data-dir", tmp.resolve("none").toString());
        assertEquals(1, nothing.exit(), nothing.toString());
        assertEquals("hive-relay: " + TerminalOpener.NO_TTY_MESSAGE + "\n", nothing.err());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        String dir = tmp.resolve("data").toString();
        for (String[] args : new String[][] {{"top", "--delay", "50ms"}, {"top", "--delay", "2h"},
                {"top", "--delay", "soon"}, {"top", "--json"}, {"top", "--bogus"}}) {
            String[] withDir = java.util.Arrays.copyOf(args, args.length + 2);
            withDir[args.length] = "--data-dir";
            withDir[args.length + 1] = dir;
            TestRelay.Result result = TestRelay.run(withDir);
            assertEquals(2, result.exit(), String.join(" ", args) + "\n" + result);
            assertEquals("", result.out());
            List<String> lines = result.err().lines().toList();
            assertEquals(2, lines.size(), result.err());
            assertTrue(lines.get(0).startsWith("hive-relay: "), result.err());
            assertEquals("Try 'hive-relay top --help' for the options.", lines.get(1));
        }
        TestRelay.Result delay = TestRelay.run("top", "--once", "--delay", "50ms", "--data-dir", dir);
        assertEquals("hive-relay: --delay: refresh delay must be between 100ms and 1h, got 50ms",
                delay.err().lines().findFirst().orElseThrow());
        TestRelay.Result json = TestRelay.run("top", "--json", "--data-dir", dir);
        assertTrue(json.err().startsWith("hive-relay: --json prints one snapshot: use it with --once"), json.err());
    }

    @Test
    void onceWithoutARelayFailsInOneLine() {
        Path dir = tmp.resolve("data");
        String admin;
        try (TestRelay relay = TestRelay.start(dir)) {
            admin = relay.server.adminAddress().toString();
        }
        TestRelay.Result once = TestRelay.run("top", "--once", "--data-dir", dir.toString());
        assertEquals(1, once.exit(), once.toString());
        assertEquals("", once.out());
        assertEquals(1, once.err().lines().count(), once.err());
        assertTrue(once.err().startsWith("hive-relay: no relay answering on " + admin + " (connection refused)"),
                once.err());
    }

    @Test
    void columnsSetsTheWidthWhenSensible() {
        assertEquals(80, TopCommand.width(Map.of()));
        assertEquals(132, TopCommand.width(Map.of("COLUMNS", "132")));
        assertEquals(80, TopCommand.width(Map.of("COLUMNS", "wide")));
        assertEquals(80, TopCommand.width(Map.of("COLUMNS", "0")));
    }

    /** Two envelopes in each room and a read, so the table and the counters have something. */
    private static void traffic(TestRelay relay) {
        for (String room : ROOMS) {
            for (int n = 1; n <= 2; n++) {
                assertEquals(200, relay.post("/v1/workspaces/" + room + "/envelopes",
                        "{\"n\":" + n + ",\"room\":\"" + room + "\"}", null).statusCode());
            }
            assertEquals(200, relay.get("/v1/workspaces/" + room + "/envelopes?after=0", null).statusCode());
        }
    }
}
