package dev.hive.relay.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats the request log's lines on its writer thread: JSON with an ISO-8601 UTC time to the
 * millisecond, or aligned text for a terminal. The JSON form reuses one builder and the time
 * up to the second, since a busy relay writes thousands of lines a second.
 */
final class LineFormat {

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final boolean json;
    private final StringBuilder line = new StringBuilder(160);
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

    LineFormat(boolean json) {
        this.json = json;
    }

    String line(RequestLog.Entry entry) {
        if (!json) {
            return text(entry);
        }
        line.setLength(0);
        line.append("{\"time\":\"");
        appendTime(entry.epochMillis());
        line.append('"');
        if (entry.event() != null) {
            line.append(",\"event\":");
            appendQuoted(entry.event());
        } else {
            line.append(",\"method\":");
            appendQuoted(entry.method());
            line.append(",\"route\":");
            appendQuoted(entry.route());
            line.append(",\"status\":").append(entry.status());
            line.append(",\"duration_ms\":").append(millis(entry.durationMicros()));
            line.append(",\"client\":");
            appendQuoted(entry.client());
        }
        return line.append('}').toString();
    }

    private static String text(RequestLog.Entry entry) {
        String time = TEXT_TIME.format(Instant.ofEpochMilli(entry.epochMillis()));
        if (entry.event() != null) {
            return time + " " + entry.event();
        }
        return String.format(Locale.ROOT, "%s %-6s %-36s %d %8.2fms %s", time, entry.method(), entry.route(),
                entry.status(), entry.durationMicros() / 1000.0, entry.client());
    }

    /** Microseconds as milliseconds with three decimals, without String.format. */
    static String millis(long micros) {
        long whole = Math.max(0, micros);
        String fraction = Long.toString(whole % 1000);
        return whole / 1000 + "." + "000".substring(fraction.length()) + fraction;
    }

    /** {@code 2026-11-27T11:54:51.932Z}: the second's text is computed once per second. */
    private void appendTime(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            String whole = Instant.ofEpochSecond(second).toString(); // "…T11:54:51Z"
            cachedPrefix = whole.substring(0, whole.length() - 1) + ".";
            cachedSecond = second;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        line.append(cachedPrefix).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append('Z');
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private void appendQuoted(String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20) {
                line.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                line.append(c);
            }
        }
        line.append('"');
    }
}
