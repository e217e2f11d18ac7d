package dev.hive.relay.api;

import dev.hive.relay.Reply;
import dev.hive.relay.TestRelay;
import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.json.JsonTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/pair} and {@code GET /v1/pair/{code}}: short-lived hand-over codes. */
class PairingTest {

    private static final Pattern CODE = Pattern.compile("[0123456789ABCDEFGHJKMNPQRSTVWXYZ]{6}");

    private TestRelay relay;

    private void start(Consumer<RelaySettings.Builder> settings) {
        relay = TestRelay.start(settings);
    }

    private void start() {
        start(settings -> {
        });
    }

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private Map<String, Object> create(String body) {
        Reply reply = relay.post("/v1/pair", body);
        assertEquals(200, reply.status(), () -> body + ": " + reply);
        assertEquals("application/json", reply.mediaType());
        return JsonTree.parseObject(reply.text());
    }

    private String createCode(String payload) {
        return (String) create("{\"payload\":" + quote(payload) + ",\"ttl_secs\":null}").get("code");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private Reply lookUp(String typed, String... headers) {
        return relay.get("/v1/pair/" + URLEncoder.encode(typed, StandardCharsets.UTF_8).replace("+", "%20"), headers);
    }

    private String payloadOf(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        Map<String, Object> body = JsonTree.parseObject(reply.text());
        assertEquals(Set.of("payload"), body.keySet());
        return (String) body.get("payload");
    }

    @Test
    void aPayloadGetsASixCharacterCodeAndTheDefaultTtl() {
        start();
        Map<String, Object> answer = create("{\"payload\":\"hello\",\"ttl_secs\":null}");

        assertEquals(Set.of("code", "expires_in"), answer.keySet());
        assertTrue(CODE.matcher((String) answer.get("code")).matches(), () -> "code " + answer.get("code"));
        assertEquals(600L, answer.get("expires_in"));
    }

    @Test
    void codesUseOnlyTheUnambiguousAlphabet() {
        start();
        Set<String> codes = new HashSet<>();
        Set<Character> symbols = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = createCode("payload " + i);
            assertTrue(CODE.matcher(code).matches(), code);
            codes.add(code);
            code.chars().forEach(c -> symbols.add((char) c));
        }
        assertEquals(200, codes.size(), "codes must be distinct");
        // 1200 draws from 32 symbols: every symbol shows up unless the draw is badly biased.
        assertEquals(32, symbols.size(), () -> "symbols seen: " + symbols);
    }

    @ParameterizedTest
    @CsvSource({
            "'{\"payload\":\"p\"}', 600",
            "'{\"payload\":\"p\",\"ttl_secs\":null}', 600",
            "'{\"payload\":\"p\",\"ttl_secs\":45}', 45",
            "'{\"payload\":\"p\",\"ttl_secs\":30}', 30",
            "'{\"payload\":\"p\",\"ttl_secs\":29}', 30",
            "'{\"payload\":\"p\",\"ttl_secs\":1}', 30",
            "'{\"payload\":\"p\",\"ttl_secs\":0}', 30",
            "'{\"payload\":\"p\",\"ttl_secs\":3600}', 3600",
            "'{\"payload\":\"p\",\"ttl_secs\":3601}', 3600",
            "'{\"payload\":\"p\",\"ttl_secs\":86400}', 3600",
            "'{\"ttl_secs\":120,\"payload\":\"p\",\"extra\":[1]}', 120"})
    void theTtlDefaultsTo600AndIsClampedTo30Through3600(String body, long expected) {
        start();
        assertEquals(expected, create(body).get("expires_in"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"payload\":\"\"}", "{\"payload\":\"   \"}", "{\"payload\":\" \\t\\n\\r \"}",
            "{\"ttl_secs\":60}", "{\"payload\":null}", "{\"payload\":42}", "{\"payload\":[\"a\"]}", "{}", "[]",
            "\"payload\"", "", "{\"payload\":\"x\"", "{\"payload\":\"x\",\"ttl_secs\":\"60\"}",
            "{\"payload\":\"x\",\"ttl_secs\":1.5}"})
    void anEmptyMissingOrMalformedPayloadIs400(String body) {
        start();
        Reply reply = relay.post("/v1/pair", body);
        assertEquals(400, reply.status(), () -> body + ": " + reply);
    }

    @Test
    void aPayloadOver8192BytesIs413() {
        start();
        assertEquals(200, relay.post("/v1/pair", "{\"payload\":\"" + "a".repeat(8192) + "\"}").status());
        assertEquals(413, relay.post("/v1/pair", "{\"payload\":\"" + "a".repeat(8193) + "\"}").status());
        // Bytes count, not characters: 4097 two-byte characters are 8194 bytes.
        assertEquals(413, relay.post("/v1/pair", "{\"payload\":\"" + "é".repeat(4097) + "\"}").status());
        assertEquals(200, relay.post("/v1/pair", "{\"payload\":\"" + "é".repeat(4096) + "\"}").status());
    }

    @Test
    void theCodeFindsThePayloadAgainAndAgainUntilItExpires() {
        start();
        String payload = "{\"device\":\"laptop\",\"key\":\"<secret & more>\"}\nline 2 — é 🐝";
        String code = createCode(payload);

        assertEquals(payload, payloadOf(lookUp(code)));
        assertEquals(payload, payloadOf(lookUp(code)));
        assertEquals(payload, payloadOf(lookUp(code)));
    }

    @Test
    void lookUpsNormaliseWhatAPersonTyped() {
        start();
        String code = createCode("typed");
        String lower = code.toLowerCase(Locale.ROOT);

        for (String typed : List.of(" " + lower.substring(0, 3) + "-" + lower.substring(3) + " ", lower,
                code.substring(0, 3) + " " + code.substring(3), "-" + code + "-", code + "\t")) {
            assertEquals("typed", payloadOf(lookUp(typed)), () -> "typed '" + typed + "'");
        }
    }

    @Test
    void anUnknownCodeIs404() {
        start();
        String code = createCode("known");
        String unknown = code.equals("000000") ? "000001" : "000000";
        assertEquals(404, lookUp(unknown).status());
        assertEquals(404, lookUp("not-a-code").status());
        assertEquals(404, lookUp(code + "X").status());
    }

    @Test
    void tenFailedLookUpsFromOneClientWithinAMinuteAre429() {
        start();
        String code = createCode("after lockout");
        for (int i = 0; i < 10; i++) {
            int attempt = i;
            assertEquals(404, lookUp(String.format("ZZZ%03d", i)).status(), () -> "failure " + (attempt + 1));
        }

        Reply locked = lookUp("ZZZ999");
        assertEquals(429, locked.status(), locked::toString);
        long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        // While locked out, the client learns nothing, not even about a live code.
        assertEquals(429, lookUp(code).status());
        // Creating codes is not look-up enumeration.
        assertEquals(200, relay.post("/v1/pair", "{\"payload\":\"still possible\"}").status());
    }

    @Test
    void successfulLookUpsDoNotCountAsFailures() {
        start();
        String code = createCode("mine");
        for (int i = 0; i < 9; i++) {
            assertEquals(404, lookUp(String.format("YYY%03d", i)).status());
        }
        for (int i = 0; i < 5; i++) {
            assertEquals("mine", payloadOf(lookUp(code)));
        }
        assertEquals(404, lookUp("YYY999").status(), "the tenth failure is still answered");
        assertEquals(429, lookUp("YYY998").status());
    }

    @Test
    void theLockoutIsPerClientBehindATrustedProxy() {
        start(settings -> settings.trustedProxies = List.of("127.0.0.1"));
        String code = createCode("per client");
        for (int i = 0; i < 10; i++) {
            assertEquals(404, lookUp("XXX00" + i, "X-Forwarded-For", "203.0.113.7").status());
        }
        assertEquals(429, lookUp(code, "X-Forwarded-For", "203.0.113.7").status());

        assertEquals("per client", payloadOf(lookUp(code, "X-Forwarded-For", "203.0.113.8")));
        assertEquals(404, lookUp("XXX999", "X-Forwarded-For", "203.0.113.8").status());
    }

    @Test
    void aForwardedForHeaderIsIgnoredWithoutATrustedProxy() {
        start();
        for (int i = 0; i < 10; i++) {
            assertEquals(404, lookUp("WWW00" + i, "X-Forwarded-For", "198.51.100." + i).status());
        }
        // Every look-up came from the socket peer, whatever the header claimed.
        assertEquals(429, lookUp("WWW999", "X-Forwarded-For", "198.51.100.99").status());
    }
}
