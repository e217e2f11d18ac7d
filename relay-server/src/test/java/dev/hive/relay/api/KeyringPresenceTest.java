package dev.hive.relay.api;

import dev.hive.relay.Reply;
import dev.hive.relay.TestRelay;
import dev.hive.relay.json.JsonTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyring (append-only), presence and candidates (upserts by device id). */
class KeyringPresenceTest {

    private static final AtomicInteger ROOMS = new AtomicInteger();
    private static TestRelay relay;

    @BeforeAll
    static void startRelay() {
        relay = TestRelay.start();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    private static String newRoom() {
        return "ws-" + ROOMS.incrementAndGet();
    }

    private static String path(String room, String resource) {
        return "/v1/workspaces/" + room + "/" + resource;
    }

    private static void assertOkTrue(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        assertEquals("{\"ok\":true}", reply.text());
    }

    private static Reply getJson(String path) {
        Reply reply = relay.get(path);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        return reply;
    }

    // --- keyring ---

    @Test
    void anEmptyKeyringIsAnEmptyArray() {
        assertEquals("[]", getJson(path(newRoom(), "keyring")).text());
    }

    @Test
    void keyringBlobsAreReturnedInPostedOrder() {
        String room = newRoom();
        String first = "{\"sealed\":{\"device-a\":{\"ciphertext\":[1,2],\"nonce\":[3]}},\"version\":1}";
        String second = "{\"sealed\":{\"device-b\":{\"ciphertext\":[4],\"nonce\":[5]}},\"version\":2}";
        String third = "{\"sealed\":{},\"version\":3}";

        assertOkTrue(relay.post(path(room, "keyring"), first));
        assertEquals("[" + first + "]", getJson(path(room, "keyring")).text());
        assertOkTrue(relay.post(path(room, "keyring"), second));
        assertOkTrue(relay.post(path(room, "keyring"), third));

        assertEquals("[" + first + "," + second + "," + third + "]", getJson(path(room, "keyring")).text());
    }

    @Test
    void keyringBlobsAreAppendedEvenWhenIdentical() {
        String room = newRoom();
        assertOkTrue(relay.post(path(room, "keyring"), "{\"version\":1}"));
        assertOkTrue(relay.post(path(room, "keyring"), "{\"version\":1}"));
        assertEquals("[{\"version\":1},{\"version\":1}]", getJson(path(room, "keyring")).text());
    }

    @Test
    void keyringsArePerRoom() {
        String a = newRoom();
        String b = newRoom();
        assertOkTrue(relay.post(path(a, "keyring"), "{\"version\":1}"));
        assertEquals("[]", getJson(path(b, "keyring")).text());
    }

    @Test
    void anInvalidKeyringBlobIs400AndNotStored() {
        String room = newRoom();
        assertEquals(400, relay.post(path(room, "keyring"), "{\"version\":").status());
        assertEquals(400, relay.post(path(room, "keyring"), "").status());
        assertEquals("[]", getJson(path(room, "keyring")).text());
    }

    // --- presence and candidates ---

    @ParameterizedTest
    @ValueSource(strings = {"presence", "candidates"})
    void noDevicesIsAnEmptyObject(String resource) {
        assertEquals("{}", getJson(path(newRoom(), resource)).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"presence", "candidates"})
    void devicesAreUpsertedByDeviceId(String resource) {
        String room = newRoom();
        assertOkTrue(relay.post(path(room, resource), "{\"device_id\":\"laptop\",\"data\":{\"online\":true}}"));
        assertOkTrue(relay.post(path(room, resource), "{\"device_id\":\"phone\",\"data\":[1,2,3]}"));
        assertEquals("{\"laptop\":{\"online\":true},\"phone\":[1,2,3]}", getJson(path(room, resource)).text());

        assertOkTrue(relay.post(path(room, resource), "{\"data\":{\"online\":false},\"device_id\":\"laptop\"}"));

        assertEquals("{\"laptop\":{\"online\":false},\"phone\":[1,2,3]}", getJson(path(room, resource)).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"presence", "candidates"})
    void anyJsonIsAcceptedAsData(String resource) {
        String room = newRoom();
        assertOkTrue(relay.post(path(room, resource), "{\"device_id\":\"a\",\"data\":\"text <&>\"}"));
        assertOkTrue(relay.post(path(room, resource), "{\"device_id\":\"b\",\"data\":null}"));
        assertOkTrue(relay.post(path(room, resource), "{\"device_id\":\"c\",\"data\":12.5}"));
        assertOkTrue(relay.post(path(room, resource), "{\"device_id\":\"d\\\"quoted\\u00e9\",\"data\":{\"x\":\"é\"}}"));

        String devices = getJson(path(room, resource)).text();
        assertEquals(Map.of("a", "text <&>", "c", new BigDecimal("12.5"),
                        "d\"quotedé", Map.of("x", "é")),
                withoutNulls(JsonTree.parseObject(devices)));
        assertTrue(JsonTree.parseObject(devices).containsKey("b"), devices);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.values().removeIf(Objects::isNull);
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"presence", "candidates"})
    void presenceAndCandidatesAreSeparateMaps(String resource) {
        String room = newRoom();
        String other = resource.equals("presence") ? "candidates" : "presence";
        assertOkTrue(relay.post(path(room, resource), "{\"device_id\":\"laptop\",\"data\":1}"));
        assertEquals("{}", getJson(path(room, other)).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "presence|{\"data\":{}}",
            "presence|{\"device_id\":7,\"data\":{}}",
            "presence|{\"device_id\":null,\"data\":{}}",
            "presence|{\"device_id\":[\"a\"],\"data\":{}}",
            "presence|[\"device_id\",\"a\"]",
            "presence|\"a\"",
            "presence|{\"device_id\":\"a\"",
            "candidates|{\"data\":{}}",
            "candidates|{\"device_id\":{\"id\":\"a\"}}",
            "candidates|{\"device_id\":true}"})
    void aMissingOrNonStringDeviceIdIs400(String resourceAndBody) {
        String resource = resourceAndBody.substring(0, resourceAndBody.indexOf('|'));
        String body = resourceAndBody.substring(resourceAndBody.indexOf('|') + 1);
        String room = newRoom();

        Reply reply = relay.post(path(room, resource), body);

        assertEquals(400, reply.status(), () -> body + ": " + reply);
        assertEquals("{}", getJson(path(room, resource)).text());
    }
}
