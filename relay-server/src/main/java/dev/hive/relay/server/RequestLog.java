package dev.hive.relay.server;

import dev.hive.relay.json.JsonWriter;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line per request: time, method, route pattern (room ids stay out of logs, since an
 * unguessable room id is an access secret), status, duration and client address. Never
 * bodies, never tokens.
 */
public final class RequestLog {

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final boolean json;

    public RequestLog(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public void request(long epochMillis, String method, String route, int status, long durationMicros,
                        String client) {
        String line;
        if (json) {
            line = new JsonWriter().beginObject()
                    .name("time").value(Instant.ofEpochMilli(epochMillis).toString())
                    .name("method").value(method)
                    .name("route").value(route)
                    .name("status").value(status)
                    .name("duration_ms").value(durationMicros / 1000.0)
                    .name("client").value(client)
                    .endObject().toString();
        } else {
            line = String.format(Locale.ROOT, "%s %-6s %-36s %d %8.2fms %s",
                    TEXT_TIME.format(Instant.ofEpochMilli(epochMillis)), method, route, status,
                    durationMicros / 1000.0, client);
        }
        out.println(line);
    }

    /** A server event worth a line of its own (start, stop, refusals of configuration). */
    public void event(long epochMillis, String message) {
        if (json) {
            out.println(new JsonWriter().beginObject()
                    .name("time").value(Instant.ofEpochMilli(epochMillis).toString())
                    .name("event").value(message)
                    .endObject());
        } else {
            out.println(TEXT_TIME.format(Instant.ofEpochMilli(epochMillis)) + " " + message);
        }
    }
}
