package dev.hive.relay.tui;

import dev.hive.relay.stats.WorkspaceStats;
import java.util.Comparator;

/**
 * The workspace table's columns: label, alignment, how important it is to keep when the screen
 * is narrow (lower is more important), natural sort direction, order and cell text.
 */
enum WorkspaceColumn {
    ID("WORKSPACE", false, 0, false),
    DEVICES("DEVS", true, 4, true),
    QUEUED("QUEUED", true, 2, true),
    BYTES("BYTES", true, 1, true),
    HEAD("HEAD", true, 6, true),
    OLDEST("OLDEST", true, 7, true),
    IDLE("IDLE", true, 3, false),
    STREAMS("STREAMS", true, 5, true),
    EVICTED("EVICTED", true, 8, true);

    final String label;
    final boolean rightAligned;
    final int priority;
    final boolean descendingFirst;

    WorkspaceColumn(String label, boolean rightAligned, int priority, boolean descendingFirst) {
        this.label = label;
        this.rightAligned = rightAligned;
        this.priority = priority;
        this.descendingFirst = descendingFirst;
    }

    WorkspaceColumn next() {
        WorkspaceColumn[] all = values();
        return all[(ordinal() + 1) % all.length];
    }

    WorkspaceColumn previous() {
        WorkspaceColumn[] all = values();
        return all[(ordinal() + all.length - 1) % all.length];
    }

    /** Ascending by the value as displayed; ties fall back to the id so rows never jump. */
    Comparator<WorkspaceStats> ascending() {
        Comparator<WorkspaceStats> byValue = switch (this) {
            case ID -> Comparator.comparing(WorkspaceStats::id);
            case DEVICES -> Comparator.comparingInt(WorkspaceStats::devices);
            case QUEUED -> Comparator.comparingLong(WorkspaceStats::queuedEvents);
            case BYTES -> Comparator.comparingLong(WorkspaceStats::queuedBytes);
            case HEAD -> Comparator.comparingLong(WorkspaceStats::headSeq);
            case OLDEST -> Comparator.comparingLong(WorkspaceStats::oldestSeq);
            // Idle time grows as last activity recedes; never-active sorts as the most idle.
            case IDLE -> Comparator.comparingLong(
                    w -> w.lastActivityMillis() <= 0 ? Long.MAX_VALUE : -w.lastActivityMillis());
            case STREAMS -> Comparator.comparingInt(WorkspaceStats::streams);
            case EVICTED -> Comparator.comparingLong(WorkspaceStats::evictions);
        };
        return byValue;
    }

    String cell(WorkspaceStats w, long serverNow) {
        return switch (this) {
            case ID -> Text.sanitize(w.id());
            case DEVICES -> Integer.toString(w.devices());
            case QUEUED -> Format.count(w.queuedEvents());
            case BYTES -> Format.bytes(w.queuedBytes());
            case HEAD -> w.headSeq() <= 0 ? "-" : Long.toString(w.headSeq());
            case OLDEST -> w.oldestSeq() <= 0 ? "-" : Long.toString(w.oldestSeq());
            case IDLE -> w.lastActivityMillis() <= 0 ? "-" : Format.age(serverNow - w.lastActivityMillis());
            case STREAMS -> Integer.toString(w.streams());
            case EVICTED -> Format.count(w.evictions());
        };
    }
}
