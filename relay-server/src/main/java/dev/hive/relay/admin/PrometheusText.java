package dev.hive.relay.admin;

import dev.hive.relay.stats.HealthVerdict;
import dev.hive.relay.stats.RelaySnapshot;

import java.util.Locale;

/**
 * The snapshot in Prometheus text format. Room ids never become labels: they are access
 * secrets, and one series per room would grow without bound.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    static String render(RelaySnapshot s) {
        StringBuilder out = new StringBuilder(4096);
        var t = s.traffic();
        counter(out, "requests_total", "HTTP requests answered, by status class", null, -1);
        sample(out, "requests_total", "class=\"2xx\"", t.status2xx());
        sample(out, "requests_total", "class=\"3xx\"", t.status3xx());
        sample(out, "requests_total", "class=\"4xx\"", t.status4xx());
        sample(out, "requests_total", "class=\"5xx\"", t.status5xx());
        counter(out, "envelopes_in_total", "Envelopes appended", null, t.envelopesIn());
        counter(out, "envelopes_out_total", "Envelopes served to pulls", null, t.envelopesOut());
        counter(out, "bytes_in_total", "Request body bytes received", null, t.bytesIn());
        counter(out, "bytes_out_total", "Response body bytes sent", null, t.bytesOut());
        counter(out, "unauthorized_total", "Requests refused by the access gate (401)", null, t.unauthorized401());
        counter(out, "too_large_total", "Requests refused for size (413)", null, t.tooLarge413());
        counter(out, "rate_limited_total", "Requests refused by rate limits (429)", null, t.rateLimited429());
        var n = s.totals();
        gauge(out, "workspaces", "Workspaces held", n.workspaces());
        gauge(out, "devices", "Devices that posted presence or candidates", n.devices());
        gauge(out, "devices_active", "Devices seen in the last 5 minutes", n.activeDevices());
        gauge(out, "queued_envelopes", "Envelopes held for devices", n.queuedEvents());
        gauge(out, "queued_bytes", "Payload bytes of the envelopes held", n.queuedBytes());
        gauge(out, "queued_memory_bytes", "Estimated heap the queue takes", n.queuedMemoryBytes());
        gauge(out, "queue_budget_bytes", "Queue memory budget", n.memoryBudgetBytes());
        gauge(out, "event_streams", "Event streams open", n.streams());
        gauge(out, "pairing_codes", "Pairing codes live", n.pairingCodes());
        gauge(out, "keyring_entries", "Keyring blobs held", n.keyringEntries());
        var p = s.process();
        gauge(out, "uptime_seconds", "Seconds since start", p.uptimeMillis() / 1000);
        gauge(out, "heap_used_bytes", "JVM heap used", p.heapUsedBytes());
        gauge(out, "heap_max_bytes", "JVM heap maximum", p.heapMaxBytes());
        gauge(out, "resident_memory_bytes", "Process resident set size", p.rssBytes());
        gauge(out, "threads", "JVM threads", p.threads());
        counter(out, "gc_collections_total", "Garbage collections", null, p.gcCount());
        gauge(out, "access_tokens", "Allowlist tokens live", p.tokenCount());
        var st = s.store();
        counter(out, "store_commits_total", "Durable store commits", null, st.commits());
        counter(out, "store_envelopes_committed_total", "Envelopes written by those commits", null,
                st.envelopesCommitted());
        gauge(out, "store_size_bytes", "Store size on disk", st.sizeBytes());
        gauge(out, "store_last_commit_seconds", "Latency of the latest commit", st.lastCommitMicros() / 1e6);
        gauge(out, "health_status", "0 OK, 1 WARN, 2 CRIT", s.health().level() == HealthVerdict.Level.OK ? 0
                : s.health().level() == HealthVerdict.Level.WARN ? 1 : 2);
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, String labels, long value) {
        out.append("# HELP hive_relay_").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE hive_relay_").append(name).append(" counter\n");
        if (value >= 0) {
            sample(out, name, labels, value);
        }
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP hive_relay_").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE hive_relay_").append(name).append(" gauge\n");
        out.append("hive_relay_").append(name).append(' ').append(format(value)).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append("hive_relay_").append(name);
        if (labels != null) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(format(value)).append('\n');
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.6f", value);
    }
}
