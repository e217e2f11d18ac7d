package dev.hive.relay.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats the request log's lines on its writer thread: JSON with an ISO-8601 UTC time to the
 * millisecond, or aligned text for a terminal. The JSON form reuses one builder, one byte buffer
 * and the time up to the second, since a busy relay writes thousands of lines a second and
 * every byte of garbage brings the next collection closer.
 */
final class LineFormat {

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final boolean json;
    private final StringBuilder line = new StringBuilder(160);
    private byte[] ascii = new byte[256];
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

    LineFormat(boolean json) {
        this.json = json;
    }

    String line(RequestLog.Entry entry) {
        return json ? jsonLine(entry).toString() : text(entry);
    }

    /** Writes the line and its newline as UTF-8. */
    void writeLine(RequestLog.Entry entry, OutputStream out) throws IOException {
        CharSequence text = json ? jsonLine(entry) : text(entry);
        int length = text.length();
        if (ascii.length < length + 1) {
            ascii = new byte[Math.max(length + 1, ascii.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                return;
            }
            ascii[i] = (byte) c;
        }
        ascii[length] = '\n';
        out.write(ascii, 0, length + 1);
    }

    private CharSequence jsonLine(RequestLog.Entry entry) {
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
            line.append(",\"duration_ms\":");
            appendMillis(line, entry.durationMicros());
            line.append(",\"client\":");
            appendQuoted(entry.client());
        }
        return line.append('}');
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
    private static void appendMillis(StringBuilder out, long micros) {
        long whole = Math.max(0, micros);
        int fraction = (int) (whole % 1000);
        out.append(whole / 1000).append('.').append((char) ('0' + fraction / 100))
                .append((char) ('0' + fraction / 10 % 10)).append((char) ('0' + fraction % 10));
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
