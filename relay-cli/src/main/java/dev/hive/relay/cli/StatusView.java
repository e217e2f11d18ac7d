package dev.hive.relay.cli;

import dev.hive.relay.stats.HealthVerdict;
import dev.hive.relay.stats.ProcessInfo;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.StoreInfo;
import dev.hive.relay.stats.Totals;
import dev.hive.relay.stats.Traffic;
import dev.hive.relay.stats.WorkspaceStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The screen {@code hive-relay status} prints: a verdict line, then one labelled block per
 * subject, then the busiest workspaces. Pure text from a snapshot, so tests assert on it directly.
 */
final class StatusView {

    static final int TOP_WORKSPACES = 10;
    private static final int ID_WIDTH = 21;
    private static final String LABEL = "%-10s ";
    private static final String INDENT = " ".repeat(11);

    private final boolean color;
    private final String dot;
    private final boolean unicode;

    StatusView(boolean color, boolean unicode) {
        this.color = color;
        this.unicode = unicode;
        this.dot = unicode ? " · " : " - ";
    }

    String render(RelaySnapshot s) {
        StringBuilder out = new StringBuilder(2048);
        ProcessInfo p = s.process();
        out.append(verdictLine(s)).append('\n');
        out.append('\n');
        List<String> listeners = new ArrayList<>();
        for (ProcessInfo.Listener listener : p.listeners()) {
            listeners.add(listener.name() + " " + listener.address() + (listener.running() ? "" : " " + paint("DOWN", 31)));
        }
        line(out, "listeners", String.join(dot, listeners));
        StoreInfo st = s.store();
        if ("memory".equals(st.kind())) {
            line(out, "store", "memory (nothing survives a restart)");
        } else {
            line(out, "store", st.kind() + " " + st.path());
            more(out, Human.bytes(st.sizeBytes()) + " on disk" + dot + (st.commits() == 0 ? "no commits yet"
                    : "last commit " + Human.micros(st.lastCommitMicros(), unicode) + dot
                    + String.format(Locale.ROOT, "%.1f", (double) st.envelopesCommitted() / st.commits())
                    + " envelopes/commit"));
        }
        Totals t = s.totals();
        line(out, "totals", Human.plural(t.workspaces(), "workspace", "workspaces") + dot + "devices "
                + Human.count(t.activeDevices()) + " active / " + Human.count(t.devices()) + " total" + dot
                + Human.plural(t.queuedEvents(), "queued event", "queued events"));
        more(out, "queued " + Human.bytes(t.queuedBytes()) + " (~" + Human.bytes(t.queuedMemoryBytes())
                + " in memory of a " + Human.bytes(t.memoryBudgetBytes()) + " budget, " + percent(t.queuedMemoryBytes(),
                t.memoryBudgetBytes()) + ")");
        more(out, Human.plural(t.streams(), "stream", "streams") + dot
                + Human.plural(t.pairingCodes(), "pairing code", "pairing codes") + dot
                + Human.plural(t.keyringEntries(), "keyring entry", "keyring entries"));
        Traffic c = s.traffic();
        line(out, "traffic", Human.plural(c.requests(), "request", "requests") + ": 2xx " + Human.count(c.status2xx())
                + dot + "3xx " + Human.count(c.status3xx()) + dot + "4xx " + Human.count(c.status4xx()) + dot + "5xx "
                + Human.count(c.status5xx()));
        more(out, "envelopes in " + Human.count(c.envelopesIn()) + " / out " + Human.count(c.envelopesOut()) + dot
                + "bytes in " + Human.bytes(c.bytesIn()) + " / out " + Human.bytes(c.bytesOut()));
        more(out, "refused: 401 " + Human.count(c.unauthorized401()) + dot + "413 " + Human.count(c.tooLarge413())
                + dot + "429 " + Human.count(c.rateLimited429()));
        line(out, "process", "heap " + Human.bytes(p.heapUsedBytes()) + " / " + Human.bytes(p.heapMaxBytes()) + dot
                + "RSS " + Human.bytes(p.rssBytes()) + dot + Human.plural(p.threads(), "thread", "threads") + dot
                + "GC " + Human.count(p.gcCount()) + " (" + Human.count(p.gcTimeMillis()) + " ms)");
        HealthVerdict health = s.health();
        if (health.level() != HealthVerdict.Level.OK) {
            boolean first = true;
            for (String reason : health.reasons()) {
                String text = paint(health.level().name(), levelColor(health.level())) + ": " + reason;
                if (first) {
                    line(out, "health", text);
                    first = false;
                } else {
                    more(out, text);
                }
            }
        }
        out.append('\n');
        workspaces(out, s);
        return out.toString();
    }

    /** {@code hive-relay 0.1.0 · OK · up 3h12m · gate allowlist (2 tokens)}. */
    String verdictLine(RelaySnapshot s) {
        ProcessInfo p = s.process();
        HealthVerdict.Level level = s.health().level();
        String gate = "gate " + p.gateMode();
        if ("allowlist".equals(p.gateMode())) {
            gate += " (" + Human.plural(p.tokenCount(), "token", "tokens") + ")";
        }
        return paint("hive-relay " + p.version(), 1) + dot + paint(level.name(), levelColor(level)) + dot + "up "
                + Human.span(p.uptimeMillis()) + dot + gate;
    }

    private void workspaces(StringBuilder out, RelaySnapshot s) {
        if (s.workspaces().isEmpty()) {
            out.append("no workspaces yet\n");
            return;
        }
        List<WorkspaceStats> top = s.workspaces().stream()
                .sorted(Comparator.comparingLong(WorkspaceStats::queuedBytes).reversed()
                        .thenComparing(Comparator.comparingLong(WorkspaceStats::lastActivityMillis).reversed()))
                .limit(TOP_WORKSPACES)
                .toList();
        String format = "%-" + ID_WIDTH + "s %7s %8s %9s %8s  %s%n";
        out.append(paint(String.format(Locale.ROOT, format, "WORKSPACE", "DEVICES", "QUEUED", "BYTES", "HEAD",
                "LAST ACTIVITY").stripTrailing(), 1)).append('\n');
        for (WorkspaceStats w : top) {
            out.append(String.format(Locale.ROOT, format, Human.middle(w.id(), ID_WIDTH, unicode),
                    Human.count(w.devices()), Human.count(w.queuedEvents()), Human.bytes(w.queuedBytes()),
                    Human.count(w.headSeq()), Human.ago(w.lastActivityMillis(), s.serverTimeMillis())));
        }
        int rest = s.workspaces().size() - top.size();
        if (rest > 0) {
            out.append("... and ").append(Human.plural(rest, "more workspace", "more workspaces"))
                    .append(" ('hive-relay status --json' lists all)\n");
        }
    }

    private void line(StringBuilder out, String label, String text) {
        out.append(paint(String.format(Locale.ROOT, LABEL, label), 2)).append(text).append('\n');
    }

    private void more(StringBuilder out, String text) {
        out.append(INDENT).append(text).append('\n');
    }

    private static String percent(long part, long whole) {
        if (whole <= 0) {
            return "n/a";
        }
        double share = 100.0 * part / whole;
        return share > 0 && share < 1 ? "<1%" : String.format(Locale.ROOT, "%.0f%%", share);
    }

    static int levelColor(HealthVerdict.Level level) {
        return switch (level) {
            case OK -> 32;
            case WARN -> 33;
            case CRIT -> 31;
        };
    }

    /** SGR colour or style when allowed, plain text otherwise. */
    private String paint(String text, int sgr) {
        return color ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
    }
}
