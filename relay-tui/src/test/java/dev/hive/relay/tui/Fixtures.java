package dev.hive.relay.tui;

import dev.hive.relay.stats.HealthVerdict;
import dev.hive.relay.stats.ProcessInfo;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.StoreInfo;
import dev.hive.relay.stats.Totals;
import dev.hive.relay.stats.Traffic;
import dev.hive.relay.stats.WorkspaceStats;
import java.util.ArrayList;
import java.util.List;

/** Builds snapshots for tests: sensible defaults, override what a test is about. */
final class Fixtures {

    static final long T0 = 1_800_000_000_000L;
    static final long STARTED = T0 - 3 * 86_400_000L - 4 * 3_600_000L;
    static final long MIB = 1024 * 1024;

    private Fixtures() {
    }

    static Builder snapshot() {
        return new Builder();
    }

    /** Three workspaces with distinct values in every column. */
    static List<WorkspaceStats> threeWorkspaces() {
        return List.of(
                workspace("alpha", 2, 10, 5 * MIB, 110, 101, T0 - 3_000, 1, 0),
                workspace("bravo", 5, 300, 1 * MIB, 900, 601, T0 - 300_000, 3, 12),
                workspace("charlie", 1, 40, 20 * MIB, 50, 11, T0 - 7_200_000, 0, 4));
    }

    static WorkspaceStats workspace(String id, int devices, long queued, long bytes, long head, long oldest,
                                    long lastActivity, int streams, long evictions) {
        List<WorkspaceStats.DeviceStats> list = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            list.add(new WorkspaceStats.DeviceStats(id + "-device-" + i, lastActivity - i * 60_000L, i == 0));
        }
        return new WorkspaceStats(id, devices, queued, bytes, head, oldest, lastActivity, streams, evictions, list);
    }

    static final class Builder {
        long serverTime = T0;
        long startedAt = STARTED;
        String version = "1.4.2";
        long requests = 5_000;
        long status4xx = 10;
        long status5xx = 0;
        long envelopesIn = 2_000;
        long envelopesOut = 4_000;
        long bytesIn = 10 * MIB;
        long bytesOut = 20 * MIB;
        String gate = "allowlist";
        int tokens = 3;
        HealthVerdict health = new HealthVerdict(HealthVerdict.Level.OK, List.of());
        List<WorkspaceStats> workspaces = threeWorkspaces();
        long queuedMemory = 40 * MIB;
        long budget = 256 * MIB;

        Builder at(long millis) {
            serverTime = millis;
            return this;
        }

        Builder startedAt(long millis) {
            startedAt = millis;
            return this;
        }

        Builder requests(long n) {
            requests = n;
            return this;
        }

        Builder errors(long s4xx, long s5xx) {
            status4xx = s4xx;
            status5xx = s5xx;
            return this;
        }

        Builder envelopes(long in, long out) {
            envelopesIn = in;
            envelopesOut = out;
            return this;
        }

        Builder bytes(long in, long out) {
            bytesIn = in;
            bytesOut = out;
            return this;
        }

        Builder gate(String mode, int tokenCount) {
            gate = mode;
            tokens = tokenCount;
            return this;
        }

        Builder health(HealthVerdict.Level level, String... reasons) {
            health = new HealthVerdict(level, List.of(reasons));
            return this;
        }

        Builder workspaces(List<WorkspaceStats> list) {
            workspaces = list;
            return this;
        }

        Builder memory(long queuedMemoryBytes, long budgetBytes) {
            queuedMemory = queuedMemoryBytes;
            budget = budgetBytes;
            return this;
        }

        RelaySnapshot build() {
            ProcessInfo process = new ProcessInfo(version, startedAt, serverTime - startedAt,
                    180 * MIB, 300 * MIB, 512 * MIB, 230 * MIB, 41, 12, 340,
                    List.of(new ProcessInfo.Listener("public", "0.0.0.0:8443", true),
                            new ProcessInfo.Listener("admin", "127.0.0.1:8444", true)),
                    gate, tokens);
            long queued = workspaces.stream().mapToLong(WorkspaceStats::queuedEvents).sum();
            long queuedBytes = workspaces.stream().mapToLong(WorkspaceStats::queuedBytes).sum();
            int devices = workspaces.stream().mapToInt(WorkspaceStats::devices).sum();
            int streams = workspaces.stream().mapToInt(WorkspaceStats::streams).sum();
            Totals totals = new Totals(workspaces.size(), devices, 3, queued, queuedBytes, queuedMemory, budget,
                    streams, 2, 14);
            Traffic traffic = new Traffic(requests, requests - status4xx - status5xx, 0, status4xx, status5xx,
                    envelopesIn, envelopesOut, bytesIn, bytesOut, 4, 1, 2);
            StoreInfo store = new StoreInfo("sqlite", "/data/relay.db", 12 * MIB, 800, 100, 1000);
            return new RelaySnapshot(serverTime, process, totals, traffic, store, health, workspaces);
        }
    }
}
