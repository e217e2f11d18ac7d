package dev.hive.relay.stats;

import java.util.List;

/**
 * One workspace (room) as the relay sees it: it cannot read envelopes, so it reports
 * sizes, sequence numbers and the devices that announced themselves.
 *
 * @param oldestSeq oldest sequence still retained, 0 when the queue is empty
 * @param evictions envelopes dropped by retention since start
 */
public record WorkspaceStats(
        String id,
        int devices,
        long queuedEvents,
        long queuedBytes,
        long headSeq,
        long oldestSeq,
        long lastActivityMillis,
        int streams,
        long evictions,
        List<DeviceStats> deviceList) {

    public WorkspaceStats {
        deviceList = List.copyOf(deviceList);
    }

    /** A device id seen in presence or candidates posts. */
    public record DeviceStats(String deviceId, long lastSeenMillis, boolean active) {
    }
}
