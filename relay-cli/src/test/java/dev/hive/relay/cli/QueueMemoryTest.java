package dev.hive.relay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queued bodies live in direct memory, which the JVM caps: a relay that runs out refuses the post
 * with a 503 and its reason, keeps serving, and loses nothing it had acknowledged.
 */
class QueueMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void aRelayOutOfQueueMemoryRefusesThePostAndKeepsWhatItHad() throws Exception {
        String body = "{\"pad\":\"" + "x".repeat(3000) + "\"}";
        try (ChildRelay relay = ChildRelay.start(tmp.resolve("data"), List.of("-XX:MaxDirectMemorySize=1m"),
                "--store", "memory", "--push-rate", "0");
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> refused = null;
            int accepted = 0;
            while (accepted < 2_000) {
                HttpResponse<byte[]> response = ChildRelay.post(client,
                        relay.uri("/v1/workspaces/room-" + accepted % 7 + "/envelopes"),
                        body.replace("\"pad\"", "\"n\":" + accepted + ",\"pad\""));
                if (response.statusCode() != 200) {
                    refused = response;
                    break;
                }
                accepted++;
            }
            assertNotNull(refused, "1 MiB of direct memory ran out");
            String reason = new String(refused.body(), StandardCharsets.UTF_8);
            assertEquals(503, refused.statusCode(), reason);
            assertTrue(reason.startsWith("store unavailable: no memory left for queued envelopes"), reason);
            assertTrue(reason.contains("give the relay more memory"), reason);

            assertEquals("ok", ChildRelay.get(client, relay.uri("/v1/health")).body());
            String first = ChildRelay.get(client, relay.uri("/v1/workspaces/room-0/envelopes?limit=1")).body();
            assertTrue(first.contains("{\"n\":0,\"pad\":\"xxx"), first);
        }
    }
}
