package dev.hive.relay.api;

import dev.hive.relay.Reply;
import dev.hive.relay.TestRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The open pages: {@code GET /v1/health}, {@code GET /}, and 404 for everything unknown. */
class PublicPagesTest {

    private static TestRelay relay;

    @BeforeAll
    static void startRelay() {
        relay = TestRelay.start();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @Test
    void healthIsOkAsPlainText() {
        Reply health = relay.get("/v1/health");
        assertEquals(200, health.status());
        assertEquals("text/plain", health.mediaType());
        assertEquals("ok", health.text());
    }

    @Test
    void theRootIsASmallHtmlStatusPage() {
        Reply page = relay.get("/");
        assertEquals(200, page.status());
        assertEquals("text/html", page.mediaType());
        String html = page.text();
        assertTrue(html.contains("Hive relay"), html);
        assertTrue(html.contains("online"), html);
        assertTrue(html.contains("/v1/health"), html);
        assertTrue(html.toLowerCase().contains("api"), "says it is an API endpoint: " + html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/v1", "/v1/", "/v1/workspaces", "/v1/workspaces/room", "/v1/workspaces/room/unknown",
            "/v1/directory/search?q=alice", "/v1/account/me", "/v1/friends", "/v2/health", "/index.html",
            "/v1/workspaces/room/envelopes/1"})
    void unknownPathsAre404(String path) {
        Reply reply = relay.get(path);
        assertEquals(404, reply.status(), () -> path + ": " + reply);
        assertEquals("text/plain", reply.mediaType());
    }
}
