package dev.hive.relay.stats;

/**
 * Relay-wide totals.
 *
 * @param devices           distinct device ids that posted presence or candidates, ever
 * @param activeDevices     those seen within the activity window
 * @param queuedBytes       payload bytes of the envelopes held
 * @param queuedMemoryBytes estimate of the heap those envelopes really take (payload plus overhead)
 * @param memoryBudgetBytes what the queue may take before health warns (the JVM's max heap share)
 */
public record Totals(
        int workspaces,
        int devices,
        int activeDevices,
        long queuedEvents,
        long queuedBytes,
        long queuedMemoryBytes,
        long memoryBudgetBytes,
        int streams,
        int pairingCodes,
        long keyringEntries) {
}
