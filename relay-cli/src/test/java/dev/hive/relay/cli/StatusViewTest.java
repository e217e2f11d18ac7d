package dev.hive.relay.cli;

import dev.hive.relay.stats.HealthVerdict;
import dev.hive.relay.stats.ProcessInfo;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.StoreInfo;
import dev.hive.relay.stats.Totals;
import dev.hive.relay.stats.Traffic;
import dev.hive.relay.stats.WorkspaceStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusViewTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void plainTextHasTheVerdictTheReasonsAndTheTenFullestWorkspaces() {
        String out = new StatusView(false, true).render(snapshot(HealthVerdict.Level.WARN, 12));
        List<String> lines = out.lines().toList();
        assertEquals("hive-relay 0.1.0 · WARN · up 3h12m · gate allowlist (2 tokens)", lines.get(0));
        assertTrue(out.contains("\nhealth     WARN: queue takes 210 MiB of its 256 MiB budget\n"), out);
        assertTrue(out.contains("\nstore      sqlite /var/lib/hive-relay/relay.db\n"
                + "           12.0 MiB on disk · last commit 1.5 ms · 2.5 envelopes/commit\n"), out);
        assertTrue(out.contains("devices 3 active / 5 total"), out);
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("WORKSPACE")).findFirst().orElseThrow());
        assertEquals("WORKSPACE             DEVICES   QUEUED     BYTES     HEAD  LAST ACTIVITY", lines.get(header));
        assertEquals("ws-11-abcd…qrstuvwxyz       1       11  11.0 KiB       11  1m5s ago", lines.get(header + 1));
        assertTrue(lines.get(header + 10).startsWith("ws-2-"), lines.get(header + 10));
        assertEquals("... and 2 more workspaces ('hive-relay status --json' lists all)", lines.get(header + 11));
        assertFalse(out.contains("\u001b"), "no escape codes without colour");
        assertTrue(lines.stream().allMatch(l -> l.length() <= 80), out);
    }

    @Test
    void colourAndAsciiAreChosenByTheCaller() {
        RelaySnapshot s = snapshot(HealthVerdict.Level.CRIT, 1);
        String colour = new StatusView(true, true).render(s);
        assertTrue(colour.contains("\u001b[31mCRIT\u001b[0m"), colour);
        String ascii = new StatusView(false, false).render(s);
        assertEquals("hive-relay 0.1.0 - CRIT - up 3h12m - gate allowlist (2 tokens)", ascii.lines().findFirst()
                .orElseThrow());
        assertTrue(ascii.chars().allMatch(c -> c < 128), ascii);
        String ok = new StatusView(false, true).render(snapshot(HealthVerdict.Level.OK, 0));
        assertFalse(ok.contains("health "), "no health block when OK");
        assertTrue(ok.contains("no workspaces yet"), ok);
    }

    private static RelaySnapshot snapshot(HealthVerdict.Level level, int workspaces) {
        List<WorkspaceStats> rows = new ArrayList<>();
        for (int i = 0; i < workspaces; i++) {
            rows.add(new WorkspaceStats("ws-" + i + "-abcdefghijklmnopqrstuvwxyz", 1, i, i * 1024L, i, i == 0 ? 0 : 1,
                    NOW - 65_000, 0, 0, List.of()));
        }
        ProcessInfo process = new ProcessInfo("0.1.0", NOW - 11_520_000, 11_520_000 + 42_000, 40L << 20, 64L << 20,
                512L << 20, 130L << 20, 24, 37, 212,
                List.of(new ProcessInfo.Listener("public", "0.0.0.0:8443", true),
                        new ProcessInfo.Listener("admin", "127.0.0.1:8444", true)), "allowlist", 2);
        Totals totals = new Totals(workspaces, 5, 3, 120, 1_258_291, 220L << 20, 256L << 20, 4, 0, 6);
        Traffic traffic = new Traffic(18_204, 18_100, 0, 104, 0, 2_412, 7_105, 9L << 20, 27L << 20, 98, 0, 6);
        StoreInfo store = new StoreInfo("sqlite", "/var/lib/hive-relay/relay.db", 12L << 20, 1_500, 10, 25);
        HealthVerdict health = new HealthVerdict(level, level == HealthVerdict.Level.OK ? List.of()
                : List.of("queue takes 210 MiB of its 256 MiB budget"));
        return new RelaySnapshot(NOW, process, totals, traffic, store, health, rows);
    }
}
