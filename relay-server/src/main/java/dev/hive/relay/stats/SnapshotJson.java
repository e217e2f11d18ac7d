package dev.hive.relay.stats;

import dev.hive.relay.json.JsonException;
import dev.hive.relay.json.JsonTree;
import dev.hive.relay.json.JsonWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The admin endpoint's JSON for a {@link RelaySnapshot}, and the way back for the console
 * commands: one snake_case shape, so {@code status --json}, {@code top} and scripts agree.
 */
public final class SnapshotJson {

    private SnapshotJson() {
    }

    public static byte[] write(RelaySnapshot s) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("server_time_ms").value(s.serverTimeMillis());
        ProcessInfo p = s.process();
        w.name("process").beginObject()
                .name("version").value(p.version())
                .name("started_at_ms").value(p.startedAtMillis())
                .name("uptime_ms").value(p.uptimeMillis())
                .name("heap_used_bytes").value(p.heapUsedBytes())
                .name("heap_committed_bytes").value(p.heapCommittedBytes())
                .name("heap_max_bytes").value(p.heapMaxBytes())
                .name("rss_bytes").value(p.rssBytes())
                .name("threads").value(p.threads())
                .name("gc_count").value(p.gcCount())
                .name("gc_time_ms").value(p.gcTimeMillis())
                .name("listeners").beginArray();
        for (ProcessInfo.Listener listener : p.listeners()) {
            w.beginObject().name("name").value(listener.name()).name("address").value(listener.address())
                    .name("running").value(listener.running()).endObject();
        }
        w.endArray()
                .name("gate_mode").value(p.gateMode())
                .name("token_count").value(p.tokenCount())
                .endObject();
        Totals t = s.totals();
        w.name("totals").beginObject()
                .name("workspaces").value(t.workspaces())
                .name("devices").value(t.devices())
                .name("active_devices").value(t.activeDevices())
                .name("queued_events").value(t.queuedEvents())
                .name("queued_bytes").value(t.queuedBytes())
                .name("queued_memory_bytes").value(t.queuedMemoryBytes())
                .name("memory_budget_bytes").value(t.memoryBudgetBytes())
                .name("streams").value(t.streams())
                .name("pairing_codes").value(t.pairingCodes())
                .name("keyring_entries").value(t.keyringEntries())
                .endObject();
        Traffic c = s.traffic();
        w.name("traffic").beginObject()
                .name("requests").value(c.requests())
                .name("status_2xx").value(c.status2xx())
                .name("status_3xx").value(c.status3xx())
                .name("status_4xx").value(c.status4xx())
                .name("status_5xx").value(c.status5xx())
                .name("envelopes_in").value(c.envelopesIn())
                .name("envelopes_out").value(c.envelopesOut())
                .name("bytes_in").value(c.bytesIn())
                .name("bytes_out").value(c.bytesOut())
                .name("unauthorized_401").value(c.unauthorized401())
                .name("too_large_413").value(c.tooLarge413())
                .name("rate_limited_429").value(c.rateLimited429())
                .endObject();
        StoreInfo st = s.store();
        w.name("store").beginObject()
                .name("kind").value(st.kind())
                .name("path").value(st.path())
                .name("size_bytes").value(st.sizeBytes())
                .name("last_commit_us").value(st.lastCommitMicros())
                .name("commits").value(st.commits())
                .name("envelopes_committed").value(st.envelopesCommitted())
                .endObject();
        HealthVerdict h = s.health();
        w.name("health").beginObject().name("level").value(h.level().name()).name("reasons").beginArray();
        h.reasons().forEach(w::value);
        w.endArray().endObject();
        w.name("workspaces").beginArray();
        for (WorkspaceStats ws : s.workspaces()) {
            w.beginObject()
                    .name("id").value(ws.id())
                    .name("devices").value(ws.devices())
                    .name("queued_events").value(ws.queuedEvents())
                    .name("queued_bytes").value(ws.queuedBytes())
                    .name("head_seq").value(ws.headSeq())
                    .name("oldest_seq").value(ws.oldestSeq())
                    .name("last_activity_ms").value(ws.lastActivityMillis())
                    .name("streams").value(ws.streams())
                    .name("evictions").value(ws.evictions())
                    .name("device_list").beginArray();
            for (WorkspaceStats.DeviceStats d : ws.deviceList()) {
                w.beginObject().name("device_id").value(d.deviceId()).name("last_seen_ms").value(d.lastSeenMillis())
                        .name("active").value(d.active()).endObject();
            }
            w.endArray().endObject();
        }
        w.endArray();
        return w.endObject().toByteArray();
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws JsonException when the text is not a snapshot (e.g. another service answered)
     */
    public static RelaySnapshot read(String json) {
        Fields root = new Fields(JsonTree.parseObject(json), "snapshot");
        Fields p = root.object("process");
        List<ProcessInfo.Listener> listeners = new ArrayList<>();
        for (Fields l : p.objects("listeners")) {
            listeners.add(new ProcessInfo.Listener(l.string("name"), l.string("address"), l.bool("running")));
        }
        ProcessInfo process = new ProcessInfo(p.string("version"), p.number("started_at_ms"), p.number("uptime_ms"),
                p.number("heap_used_bytes"), p.number("heap_committed_bytes"), p.number("heap_max_bytes"),
                p.number("rss_bytes"), (int) p.number("threads"), p.number("gc_count"), p.number("gc_time_ms"),
                listeners, p.string("gate_mode"), (int) p.number("token_count"));
        Fields t = root.object("totals");
        Totals totals = new Totals((int) t.number("workspaces"), (int) t.number("devices"),
                (int) t.number("active_devices"), t.number("queued_events"), t.number("queued_bytes"),
                t.number("queued_memory_bytes"), t.number("memory_budget_bytes"), (int) t.number("streams"),
                (int) t.number("pairing_codes"), t.number("keyring_entries"));
        Fields c = root.object("traffic");
        Traffic traffic = new Traffic(c.number("requests"), c.number("status_2xx"), c.number("status_3xx"),
                c.number("status_4xx"), c.number("status_5xx"), c.number("envelopes_in"), c.number("envelopes_out"),
                c.number("bytes_in"), c.number("bytes_out"), c.number("unauthorized_401"), c.number("too_large_413"),
                c.number("rate_limited_429"));
        Fields st = root.object("store");
        StoreInfo store = new StoreInfo(st.string("kind"), st.string("path"), st.number("size_bytes"),
                st.number("last_commit_us"), st.number("commits"), st.number("envelopes_committed"));
        Fields h = root.object("health");
        HealthVerdict health;
        try {
            health = new HealthVerdict(HealthVerdict.Level.valueOf(h.string("level")), h.strings("reasons"));
        } catch (IllegalArgumentException e) {
            throw new JsonException("health.level is not OK, WARN or CRIT");
        }
        List<WorkspaceStats> workspaces = new ArrayList<>();
        for (Fields ws : root.objects("workspaces")) {
            List<WorkspaceStats.DeviceStats> devices = new ArrayList<>();
            for (Fields d : ws.objects("device_list")) {
                devices.add(new WorkspaceStats.DeviceStats(d.string("device_id"), d.number("last_seen_ms"),
                        d.bool("active")));
            }
            workspaces.add(new WorkspaceStats(ws.string("id"), (int) ws.number("devices"), ws.number("queued_events"),
                    ws.number("queued_bytes"), ws.number("head_seq"), ws.number("oldest_seq"),
                    ws.number("last_activity_ms"), (int) ws.number("streams"), ws.number("evictions"), devices));
        }
        return new RelaySnapshot(root.number("server_time_ms"), process, totals, traffic, store, health, workspaces);
    }

    /** Typed, path-aware access to a parsed object, so a wrong shape names the field. */
    private record Fields(Map<String, Object> map, String path) {

        Object get(String name) {
            if (!map.containsKey(name)) {
                throw new JsonException(path + "." + name + " is missing");
            }
            return map.get(name);
        }

        long number(String name) {
            if (get(name) instanceof Long value) {
                return value;
            }
            throw new JsonException(path + "." + name + " is not an integer");
        }

        String string(String name) {
            if (get(name) instanceof String value) {
                return value;
            }
            throw new JsonException(path + "." + name + " is not a string");
        }

        boolean bool(String name) {
            if (get(name) instanceof Boolean value) {
                return value;
            }
            throw new JsonException(path + "." + name + " is not a boolean");
        }

        @SuppressWarnings("unchecked")
        Fields object(String name) {
            if (get(name) instanceof Map<?, ?> value) {
                return new Fields((Map<String, Object>) value, path + "." + name);
            }
            throw new JsonException(path + "." + name + " is not an object");
        }

        @SuppressWarnings("unchecked")
        List<Fields> objects(String name) {
            List<Fields> out = new ArrayList<>();
            if (!(get(name) instanceof List<?> list)) {
                throw new JsonException(path + "." + name + " is not an array");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> item)) {
                    throw new JsonException(path + "." + name + "[" + i + "] is not an object");
                }
                out.add(new Fields((Map<String, Object>) item, path + "." + name + "[" + i + "]"));
            }
            return out;
        }

        List<String> strings(String name) {
            if (!(get(name) instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                throw new JsonException(path + "." + name + " is not an array of strings");
            }
            return list.stream().map(String.class::cast).toList();
        }
    }
}
