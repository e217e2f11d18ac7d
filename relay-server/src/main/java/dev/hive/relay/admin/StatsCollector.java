package dev.hive.relay.admin;

import dev.hive.relay.config.Units;
import dev.hive.relay.stats.HealthVerdict;
import dev.hive.relay.stats.ProcessInfo;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.Totals;
import dev.hive.relay.stats.WorkspaceStats;
import dev.hive.relay.store.Room;
import dev.hive.relay.store.RoomRegistry;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes a {@link RelaySnapshot} of the running relay: the one model behind the admin JSON,
 * {@code status}, {@code health}, {@code top} and {@code /metrics}.
 */
public final class StatsCollector {

    /** A device counts as active while it has posted presence or candidates this recently. */
    public static final long ACTIVE_WINDOW_MILLIS = 5 * 60_000;
    private static final double WARN_SHARE = 0.8;

    private final RelayView relay;
    private final long queueBudgetBytes;

    /**
     * @param queueBudgetBytes memory the queue may take before health warns; 0 = half the max heap
     */
    public StatsCollector(RelayView relay, long queueBudgetBytes) {
        this.relay = relay;
        this.queueBudgetBytes = queueBudgetBytes > 0 ? queueBudgetBytes
                : Math.max(1, Runtime.getRuntime().maxMemory() / 2);
    }

    public RelaySnapshot snapshot() {
        long now = relay.clockMillis();
        RoomRegistry rooms = relay.rooms();
        List<WorkspaceStats> workspaces = new ArrayList<>();
        Set<String> devices = new HashSet<>();
        Set<String> activeDevices = new HashSet<>();
        long queuedEvents = 0;
        long queuedBytes = 0;
        long memoryBytes = 0;
        long keyringEntries = 0;
        for (Room room : rooms.rooms()) {
            Room.RoomFigures figures = room.figures();
            List<WorkspaceStats.DeviceStats> deviceList = new ArrayList<>();
            for (Map.Entry<String, Long> seen : room.deviceLastSeen().entrySet()) {
                boolean active = now - seen.getValue() <= ACTIVE_WINDOW_MILLIS;
                deviceList.add(new WorkspaceStats.DeviceStats(seen.getKey(), seen.getValue(), active));
                // Device ids are chosen per workspace; the same id in two rooms is two devices.
                String key = room.id() + '\u0000' + seen.getKey();
                devices.add(key);
                if (active) {
                    activeDevices.add(key);
                }
            }
            workspaces.add(new WorkspaceStats(room.id(), deviceList.size(), figures.queuedEvents(),
                    figures.queuedBytes(), figures.headSeq(), figures.oldestSeq(), figures.lastActivityMillis(),
                    figures.streams(), figures.evictions(), deviceList));
            queuedEvents += figures.queuedEvents();
            queuedBytes += figures.queuedBytes();
            memoryBytes += figures.memoryBytes();
            keyringEntries += figures.keyringEntries();
        }
        Totals totals = new Totals(workspaces.size(), devices.size(), activeDevices.size(), queuedEvents, queuedBytes,
                memoryBytes, queueBudgetBytes, relay.openStreams(), relay.pairingCodes(), keyringEntries);
        ProcessInfo process = process(now);
        return new RelaySnapshot(now, process, totals, relay.traffic(), relay.store(),
                verdict(totals, process), workspaces);
    }

    private ProcessInfo process(long now) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        return new ProcessInfo(relay.version(), relay.startedAtMillis(), now - relay.startedAtMillis(),
                heap.getUsed(), heap.getCommitted(), heap.getMax(), residentSetBytes(),
                ManagementFactory.getThreadMXBean().getThreadCount(), gcCount, gcTime, relay.listeners(),
                relay.gateMode(), relay.tokenCount());
    }

    private HealthVerdict verdict(Totals totals, ProcessInfo process) {
        List<String> critical = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        relay.storeProblem().ifPresent(problem -> critical.add("store not writable: " + problem));
        for (ProcessInfo.Listener listener : process.listeners()) {
            if (!listener.running()) {
                critical.add(listener.name() + " listener " + listener.address() + " is down");
            }
        }
        double queueShare = (double) totals.queuedMemoryBytes() / totals.memoryBudgetBytes();
        String queue = "queue takes " + Units.formatBytes(totals.queuedMemoryBytes()) + " of its "
                + Units.formatBytes(totals.memoryBudgetBytes()) + " budget";
        if (queueShare >= 1) {
            critical.add(queue);
        } else if (queueShare >= WARN_SHARE) {
            warnings.add(queue);
        }
        if (process.heapMaxBytes() > 0 && process.heapUsedBytes() > 0.9 * process.heapMaxBytes()) {
            warnings.add("heap " + Units.formatBytes(process.heapUsedBytes()) + " of "
                    + Units.formatBytes(process.heapMaxBytes()) + " used");
        }
        if (!critical.isEmpty()) {
            critical.addAll(warnings);
            return new HealthVerdict(HealthVerdict.Level.CRIT, critical);
        }
        return warnings.isEmpty() ? new HealthVerdict(HealthVerdict.Level.OK, List.of())
                : new HealthVerdict(HealthVerdict.Level.WARN, warnings);
    }

    /** Resident set size from /proc (Linux); -1 elsewhere. */
    static long residentSetBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** What the collector reads from the relay; the server implements it, tests can too. */
    public interface RelayView {
        long clockMillis();

        RoomRegistry rooms();

        int openStreams();

        int pairingCodes();

        dev.hive.relay.stats.Traffic traffic();

        dev.hive.relay.stats.StoreInfo store();

        java.util.Optional<String> storeProblem();

        String version();

        long startedAtMillis();

        List<ProcessInfo.Listener> listeners();

        String gateMode();

        int tokenCount();
    }

}
