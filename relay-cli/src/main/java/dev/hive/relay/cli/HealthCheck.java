package dev.hive.relay.cli;

import dev.hive.relay.stats.HealthVerdict;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.Totals;

import java.util.ArrayList;
import java.util.List;

/**
 * The monitoring verdict: the relay's own deep health plus the operator's queue thresholds, as
 * one plugin line ({@code HIVE-RELAY OK - … | perfdata}) and the exit code monitoring systems read.
 */
final class HealthCheck {

    static final int OK = 0;
    static final int WARNING = 1;
    static final int CRITICAL = 2;
    static final int UNKNOWN = 3;

    private static final String[] WORDS = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

    private HealthCheck() {
    }

    /** One plugin result. */
    record Result(int exitCode, String line) {
    }

    /**
     * @param warnQueueBytes warn when {@code totals.queued_bytes} reaches it; null for no threshold
     * @param critQueueBytes critical when it reaches this; null for no threshold
     */
    static Result evaluate(RelaySnapshot s, Long warnQueueBytes, Long critQueueBytes) {
        Totals t = s.totals();
        HealthVerdict verdict = s.health();
        int state = switch (verdict.level()) {
            case OK -> OK;
            case WARN -> WARNING;
            case CRIT -> CRITICAL;
        };
        List<String> reasons = new ArrayList<>(verdict.reasons());
        if (critQueueBytes != null && t.queuedBytes() >= critQueueBytes) {
            state = Math.max(state, CRITICAL);
            reasons.add(0, "queued " + Human.bytes(t.queuedBytes()) + " reaches the critical threshold "
                    + Human.bytes(critQueueBytes));
        } else if (warnQueueBytes != null && t.queuedBytes() >= warnQueueBytes) {
            state = Math.max(state, WARNING);
            reasons.add(0, "queued " + Human.bytes(t.queuedBytes()) + " reaches the warning threshold "
                    + Human.bytes(warnQueueBytes));
        }
        String summary = Human.plural(t.workspaces(), "workspace", "workspaces") + ", "
                + Human.count(t.queuedEvents()) + " queued (" + Human.bytes(t.queuedBytes()) + "), "
                + Human.plural(t.streams(), "stream", "streams");
        String text = reasons.isEmpty() ? summary : String.join("; ", reasons) + "; " + summary;
        String perf = "queued_bytes=" + t.queuedBytes() + "B;" + threshold(warnQueueBytes) + ";"
                + threshold(critQueueBytes) + ";0"
                + " queued_events=" + t.queuedEvents() + ";;;0"
                + " workspaces=" + t.workspaces() + ";;;0"
                + " streams=" + t.streams() + ";;;0"
                + " devices_active=" + t.activeDevices() + ";;;0"
                + " queue_memory_bytes=" + t.queuedMemoryBytes() + "B;;;0;" + t.memoryBudgetBytes()
                + " heap_used_bytes=" + s.process().heapUsedBytes() + "B;;;0"
                + (s.process().heapMaxBytes() > 0 ? ";" + s.process().heapMaxBytes() : "");
        return new Result(state, line(state, text) + " | " + perf);
    }

    /** A result with no snapshot behind it: the relay is down (CRITICAL) or cannot be asked (UNKNOWN). */
    static Result without(int state, String reason) {
        return new Result(state, line(state, reason));
    }

    private static String line(int state, String text) {
        // The plugin output is one line; '|' would start the perfdata early.
        return "HIVE-RELAY " + WORDS[state] + " - " + text.replace('\n', ' ').replace('|', '/');
    }

    private static String threshold(Long value) {
        return value == null ? "" : String.valueOf(value);
    }
}
