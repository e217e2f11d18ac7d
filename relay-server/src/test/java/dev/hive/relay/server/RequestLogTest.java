package dev.hive.relay.server;

import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.json.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One JSON line per request with method, route, status, duration and client; never bodies or tokens. */
class RequestLogTest {

    @Test
    void logsOneLinePerRequestWithoutBodiesTokensOrRoomIds(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RelaySettings.Builder settings = RelaySettings.builderForTests(dir);
        settings.accessTokens = List.of("secret-token-123");
        RelayServer relay = RelayServer.create(settings.build(), new RequestLog(out, true)).start();
        HttpClient client = HttpClient.newHttpClient();
        try {
            String base = "http://127.0.0.1:" + relay.port();
            HttpResponse<String> posted = client.send(HttpRequest.newBuilder(
                            URI.create(base + "/v1/workspaces/private-room-name/envelopes"))
                    .header("Authorization", "Bearer secret-token-123")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"secret\":\"body-content\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posted.statusCode());
            assertEquals(401, client.send(HttpRequest.newBuilder(URI.create(base + "/v1/workspaces/x/keyring"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            relay.close();
        }
        String log = out.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().toList();
        assertEquals(2, lines.size(), log);
        Map<String, Object> first = JsonTree.parseObject(lines.get(0));
        assertEquals("POST", first.get("method"));
        assertEquals("/v1/workspaces/{room}/envelopes", first.get("route"));
        assertEquals(200L, first.get("status"));
        assertEquals("127.0.0.1", first.get("client"));
        assertTrue(first.get("duration_ms") instanceof java.math.BigDecimal || first.get("duration_ms") instanceof Long,
                lines.get(0));
        assertTrue(first.get("time") instanceof String, lines.get(0));
        assertEquals(401L, JsonTree.parseObject(lines.get(1)).get("status"));
        for (String secret : List.of("secret-token-123", "body-content", "private-room-name")) {
            assertFalse(log.contains(secret), "the log must not contain " + secret + ":\n" + log);
        }
    }

    @Test
    void durationsAreMillisecondsWithThreeDecimals() {
        assertEquals("0.000", durationMs(0));
        assertEquals("0.007", durationMs(7));
        assertEquals("1.234", durationMs(1234));
        assertEquals("12.050", durationMs(12050));
    }

    /** The duration_ms field of a JSON line, as written. */
    private static String durationMs(long micros) {
        String line = new LineFormat(true).line(new RequestLog.Entry(0, "GET", "/v1/health", 200, micros, "::1", null));
        int start = line.indexOf("\"duration_ms\":") + "\"duration_ms\":".length();
        return line.substring(start, line.indexOf(',', start));
    }
}
