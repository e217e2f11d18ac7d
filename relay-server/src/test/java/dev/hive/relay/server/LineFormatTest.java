package dev.hive.relay.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The request log's lines, exactly. */
class LineFormatTest {

    private static final long NOON = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();

    @Test
    void aRequestIsOneJsonObjectWithTheTimeToTheMillisecond() {
        LineFormat format = new LineFormat(true);
        assertEquals("{\"time\":\"2026-11-27T12:00:00.007Z\",\"method\":\"POST\",\"route\":\"/v1/workspaces/{room}/envelopes\","
                        + "\"status\":200,\"duration_ms\":1.250,\"client\":\"127.0.0.1\"}",
                format.line(new RequestLog.Entry(NOON + 7, "POST", "/v1/workspaces/{room}/envelopes", 200, 1250,
                        "127.0.0.1", null)));
        assertEquals("{\"time\":\"2026-11-27T12:00:00.000Z\",\"event\":\"started\"}",
                format.line(new RequestLog.Entry(NOON, null, null, 0, 0, null, "started")), "whole seconds keep .000");
        assertEquals("{\"time\":\"2026-11-27T12:00:01.999Z\",\"event\":\"x\"}",
                format.line(new RequestLog.Entry(NOON + 1999, null, null, 0, 0, null, "x")), "the next second");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        LineFormat format = new LineFormat(true);
        assertEquals("{\"time\":\"2026-11-27T12:00:00.000Z\",\"event\":\"a \\\"b\\\" \\\\ \\u000a\\u001f é\"}",
                format.line(new RequestLog.Entry(NOON, null, null, 0, 0, null, "a \"b\" \\ \n\u001f é")));
    }

    @Test
    void onATerminalLinesAreAlignedText() {
        LineFormat format = new LineFormat(false);
        assertEquals("2026-11-27 12:00:00.007 GET    /v1/health                           200     0.50ms ::1",
                format.line(new RequestLog.Entry(NOON + 7, "GET", "/v1/health", 200, 500, "::1", null)));
        assertEquals("2026-11-27 12:00:00.000 stopping",
                format.line(new RequestLog.Entry(NOON, null, null, 0, 0, null, "stopping")));
    }

    @Test
    void writtenLinesAreTheLinesInUtf8EachEndedByANewline() throws IOException {
        for (boolean json : new boolean[] {true, false}) {
            LineFormat format = new LineFormat(json);
            RequestLog.Entry ascii = new RequestLog.Entry(NOON + 7, "POST", "/v1/workspaces/{room}/envelopes", 200,
                    1250, "127.0.0.1", null);
            RequestLog.Entry accented = new RequestLog.Entry(NOON, null, null, 0, 0, null, "clé é");
            RequestLog.Entry longer = new RequestLog.Entry(NOON, null, null, 0, 0, null, "x".repeat(1000));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (RequestLog.Entry entry : new RequestLog.Entry[] {ascii, accented, longer, ascii}) {
                format.writeLine(entry, out);
            }
            String expected = format.line(ascii) + "\n" + format.line(accented) + "\n" + format.line(longer) + "\n"
                    + format.line(ascii) + "\n";
            assertEquals(expected, out.toString(StandardCharsets.UTF_8), json ? "json" : "text");
        }
    }
}
