package dev.hive.relay.gate;

import dev.hive.relay.RawHttp;
import dev.hive.relay.Reply;
import dev.hive.relay.SseStream;
import dev.hive.relay.TestRelay;
import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.config.SettingsException;
import dev.hive.relay.config.SettingsResolver;
import dev.hive.relay.server.RelayServer;
import dev.hive.relay.server.RequestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access gate as clients meet it over HTTP: open, allowlist and signed-token relays. */
class GateTest {

    private static final String VECTOR_KEY = "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c";
    private static final String VECTOR_TOKEN = "hrt1.eyJzdWIiOiJyZWFkZXIiLCJwbGFuIjoiIiwiZXhwIjowLCJtYXhfbWVtYmVycyI6"
            + "bnVsbCwicmV0ZW50aW9uX2RheXMiOm51bGwsInR1cm4iOmZhbHNlLCJjYXBzIjpbXX0.RW_pk26QmdlV2YWXkC4CcH0MFrX0Gqh1q03"
            + "KQzJv2xvcy0N4IaVGo6I7IHKDVVtUmVkvjB1Vf6uOtdI3p0vSDw";
    private static final String REFUSAL = "relay requires a valid access token";
    private static final String TOKEN = "alpha-token";

    /** Every gated route, as method and path. */
    private static final List<String[]> GATED = List.of(
            new String[]{"POST", "/v1/workspaces/room/envelopes"},
            new String[]{"GET", "/v1/workspaces/room/envelopes?after=0"},
            new String[]{"GET", "/v1/workspaces/room/events"},
            new String[]{"POST", "/v1/workspaces/room/keyring"},
            new String[]{"GET", "/v1/workspaces/room/keyring"},
            new String[]{"POST", "/v1/workspaces/room/presence"},
            new String[]{"GET", "/v1/workspaces/room/presence"},
            new String[]{"POST", "/v1/workspaces/room/candidates"},
            new String[]{"GET", "/v1/workspaces/room/candidates"},
            new String[]{"POST", "/v1/pair"},
            new String[]{"GET", "/v1/pair/K7P2QX"},
            new String[]{"GET", "/v1/no-such-route"},
            new String[]{"GET", "/v1/directory/search"},
            new String[]{"GET", "/nope"},
            new String[]{"POST", "/v1/health"},
            new String[]{"DELETE", "/v1/workspaces/room/envelopes"});

    private TestRelay relay;

    private void start(Consumer<RelaySettings.Builder> settings) {
        relay = TestRelay.start(settings);
    }

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private static byte[] seed(int value) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) value);
        return seed;
    }

    private static String mint(KeyPair keys, long exp) {
        return Hrt1.mint(new Claims("device-7", "team", exp, 10L, null, false, List.of("sync")), keys.getPrivate());
    }

    private Reply call(String method, String path, String... headers) {
        String body = switch (path.substring(path.lastIndexOf('/') + 1)) {
            case "presence", "candidates" -> "{\"device_id\":\"d\",\"data\":{}}";
            case "pair" -> "{\"payload\":\"p\"}";
            default -> "{\"n\":1}";
        };
        var publisher = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        if (path.endsWith("/events")) {
            try (SseStream stream = SseStream.open(relay, "room", headers)) {
                if (stream.status() != 200) {
                    return new Reply(stream.status(), stream.headers().map(),
                            stream.await(t -> stream.ended(), Duration.ofSeconds(10), "end of the refusal")
                                    .getBytes(StandardCharsets.UTF_8));
                }
                return new Reply(200, stream.headers().map(), new byte[0]);
            }
        }
        return relay.send(relay.request(path, headers).method(method, publisher));
    }

    private static void assertRefused(Reply reply, String what) {
        assertEquals(401, reply.status(), () -> what + ": " + reply);
        assertEquals("text/plain", reply.mediaType(), what);
        assertEquals(REFUSAL, reply.text(), what);
    }

    private void assertEveryGatedRouteRefuses(String... headers) {
        for (String[] route : GATED) {
            assertRefused(call(route[0], route[1], headers), route[0] + " " + route[1] + " " + List.of(headers));
        }
    }

    private void assertOpenRoutesAnswer(String... headers) {
        Reply health = relay.get("/v1/health", headers);
        assertEquals(200, health.status());
        assertEquals("ok", health.text());
        Reply page = relay.get("/", headers);
        assertEquals(200, page.status());
        assertTrue(page.text().contains("Hive relay"));
    }

    // --- open ---

    @Test
    void anOpenRelayAdmitsEveryoneWithOrWithoutATokenHeader() {
        start(settings -> {
        });
        for (List<String> headers : List.of(List.<String>of(), List.of("Authorization", "Bearer whatever"),
                List.of("Authorization", "Basic dXNlcjpwYXNz"), List.of("Authorization", "bearer x"))) {
            String[] h = headers.toArray(String[]::new);
            assertEquals(200, call("POST", "/v1/workspaces/room/envelopes", h).status(), headers::toString);
            assertEquals(200, call("GET", "/v1/workspaces/room/envelopes", h).status(), headers::toString);
            assertEquals(200, call("GET", "/v1/workspaces/room/events", h).status(), headers::toString);
            assertEquals(200, call("GET", "/v1/workspaces/room/keyring", h).status(), headers::toString);
            assertEquals(404, call("GET", "/v1/no-such-route", h).status(), headers::toString);
        }
    }

    // --- allowlist ---

    @Test
    void anAllowlistRefusesEveryGatedRouteWithoutAToken() {
        start(settings -> settings.accessTokens = List.of(TOKEN, "beta-token"));
        assertEveryGatedRouteRefuses();
        assertOpenRoutesAnswer();
    }

    @Test
    void anAllowlistAdmitsItsTokens() {
        start(settings -> settings.accessTokens = List.of(TOKEN, "beta-token"));
        for (String token : List.of(TOKEN, "beta-token")) {
            String[] auth = {"Authorization", "Bearer " + token};
            assertEquals(200, call("POST", "/v1/workspaces/room/envelopes", auth).status());
            assertEquals(200, call("GET", "/v1/workspaces/room/envelopes?after=0", auth).status());
            assertEquals(200, call("GET", "/v1/workspaces/room/events", auth).status());
            assertEquals(200, call("POST", "/v1/workspaces/room/keyring", auth).status());
            assertEquals(200, call("GET", "/v1/workspaces/room/presence", auth).status());
            assertEquals(200, call("POST", "/v1/pair", auth).status());
            assertEquals(404, call("GET", "/v1/pair/000000", auth).status());
            // Past the gate, an unknown route is an ordinary 404.
            assertEquals(404, call("GET", "/v1/no-such-route", auth).status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer alpha-token", "BEARER alpha-token", "Basic YWxwaGEtdG9rZW46", "Bearer",
            "Bearer ", "Bearer    ", "alpha-token", "Token alpha-token", "Bearer ALPHA-TOKEN", "Bearer alpha-token2",
            "Bearer alpha", "Bearer alpha-token beta-token", "Bearer\talpha-token", "Bearer alpha-token,beta-token"})
    void anAllowlistRefusesAnythingButBearerAndAListedToken(String authorization) {
        start(settings -> settings.accessTokens = List.of(TOKEN, "beta-token"));
        assertEveryGatedRouteRefuses("Authorization", authorization);
        assertOpenRoutesAnswer("Authorization", authorization);
    }

    @Test
    void spacesAroundTheTokenAreTrimmed() throws Exception {
        start(settings -> settings.accessTokens = List.of(TOKEN));
        assertEquals(200, call("GET", "/v1/workspaces/room/keyring", "Authorization", "Bearer    alpha-token").status());
        // Trailing white space, written verbatim on the wire.
        var response = RawHttp.exchange(relay.port(), RawHttp.head(
                "GET /v1/workspaces/room/keyring HTTP/1.1",
                List.of("Host: 127.0.0.1", "Authorization: Bearer  alpha-token  \t ", "Connection: close")));
        assertEquals(200, response.status(), response::toString);
    }

    @Test
    void aRefusedPostStoresNothing() {
        start(settings -> settings.accessTokens = List.of(TOKEN));
        assertRefused(relay.post("/v1/workspaces/room/envelopes", "{\"n\":1}"), "no token");
        assertRefused(relay.post("/v1/workspaces/room/keyring", "{\"k\":1}", "Authorization", "Bearer nope"), "bad");

        assertEquals("[]", relay.get("/v1/workspaces/room/envelopes", "Authorization", "Bearer " + TOKEN).text());
        assertEquals("[]", relay.get("/v1/workspaces/room/keyring", "Authorization", "Bearer " + TOKEN).text());
        assertEquals(1, TestRelay.seqOf(relay.post("/v1/workspaces/room/envelopes", "{\"n\":1}",
                "Authorization", "Bearer " + TOKEN)));
    }

    @Test
    void aGatedEventStreamIs401() {
        start(settings -> settings.accessTokens = List.of(TOKEN));
        try (SseStream stream = SseStream.open(relay, "room")) {
            assertEquals(401, stream.status());
            String body = stream.await(t -> stream.ended(), Duration.ofSeconds(10), "end of the refusal");
            assertEquals(REFUSAL, body);
        }
        try (SseStream stream = SseStream.open(relay, "room", "Authorization", "Bearer " + TOKEN)) {
            assertEquals(200, stream.status());
            stream.awaitContains(": connected\n\n", Duration.ofSeconds(10));
        }
    }

    // --- signed tokens ---

    @Test
    void theSignedModeAdmitsTheContractsTestVector() {
        start(settings -> settings.tokenPublicKey = VECTOR_KEY);
        assertEveryGatedRouteRefuses();
        assertOpenRoutesAnswer();

        String[] auth = {"Authorization", "Bearer " + VECTOR_TOKEN};
        assertEquals(200, call("POST", "/v1/workspaces/room/envelopes", auth).status());
        assertEquals(200, call("GET", "/v1/workspaces/room/events", auth).status());
        assertEquals(404, call("GET", "/v1/no-such-route", auth).status());
    }

    static List<String> vectorKeySpellings() {
        byte[] raw = HexFormat.of().parseHex(VECTOR_KEY);
        return List.of(
                VECTOR_KEY,
                VECTOR_KEY.toUpperCase(Locale.ROOT),
                Base64.getEncoder().encodeToString(raw),
                Base64.getEncoder().withoutPadding().encodeToString(raw),
                Base64.getUrlEncoder().encodeToString(raw),
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
                "  " + VECTOR_KEY + "\n");
    }

    @ParameterizedTest
    @MethodSource("vectorKeySpellings")
    void thePublicKeyMayBeHexOrBase64(String key) {
        start(settings -> settings.tokenPublicKey = key);
        assertEquals(200, call("GET", "/v1/workspaces/room/keyring", "Authorization", "Bearer " + VECTOR_TOKEN)
                .status());
        assertRefused(call("GET", "/v1/workspaces/room/keyring"), "no token");
    }

    @Test
    void signedTokensAreCheckedForExpiry() {
        start(settings -> settings.tokenPublicKey = VECTOR_KEY);
        KeyPair keys = Ed25519Keys.keyPairFromSeed(seed(0x07));
        long now = System.currentTimeMillis() / 1000;

        assertEquals(200, call("GET", "/v1/workspaces/room/keyring", "Authorization",
                "Bearer " + mint(keys, now + 3600)).status());
        assertEquals(200, call("GET", "/v1/workspaces/room/keyring", "Authorization",
                "Bearer " + mint(keys, 0)).status());
        assertRefused(call("GET", "/v1/workspaces/room/keyring", "Authorization", "Bearer " + mint(keys, now - 1)),
                "expired a second ago");
        assertRefused(call("GET", "/v1/workspaces/room/keyring", "Authorization", "Bearer " + mint(keys, 1)),
                "expired long ago");
    }

    @Test
    void tamperedOrForeignTokensAreRefused() {
        start(settings -> settings.tokenPublicKey = VECTOR_KEY);
        KeyPair keys = Ed25519Keys.keyPairFromSeed(seed(0x07));
        KeyPair stranger = Ed25519Keys.keyPairFromSeed(seed(0x08));
        String genuine = mint(keys, 0);
        String[] parts = genuine.split("\\.");
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"admin\",\"plan\":\"team\",\"exp\":0,\"max_members\":null,\"retention_days\":null,\"turn\":true,\"caps\":[]}"
                        .getBytes(StandardCharsets.UTF_8));
        char last = parts[2].charAt(parts[2].length() - 2);

        for (String forged : List.of(
                mint(stranger, 0),
                parts[0] + "." + otherClaims + "." + parts[2],
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                        + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1),
                "hrt2." + parts[1] + "." + parts[2],
                parts[1] + "." + parts[2],
                genuine + ".extra",
                parts[0] + "." + parts[1] + ".",
                "not-a-token")) {
            assertRefused(call("GET", "/v1/workspaces/room/keyring", "Authorization", "Bearer " + forged), forged);
        }
        assertEquals(200, call("GET", "/v1/workspaces/room/keyring", "Authorization", "Bearer " + genuine).status());
    }

    @Test
    void aPublicKeyTakesPrecedenceOverAnAllowlist() {
        start(settings -> {
            settings.tokenPublicKey = VECTOR_KEY;
            settings.accessTokens = List.of(TOKEN);
        });
        assertRefused(call("GET", "/v1/workspaces/room/keyring", "Authorization", "Bearer " + TOKEN), "allowlisted");
        assertEquals(200, call("GET", "/v1/workspaces/room/keyring", "Authorization", "Bearer " + VECTOR_TOKEN)
                .status());
    }

    // --- bad security configuration fails at start-up ---

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "   ", "ea4a6c63", "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22",
            "zz4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c", "6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG",
            "-----BEGIN PUBLIC KEY-----"})
    void anUnusablePublicKeyIsAStartUpError(String key, @TempDir Path dataDir) {
        RelaySettings.Builder settings = RelaySettings.builderForTests(dataDir);
        settings.tokenPublicKey = key;
        RelaySettings built = settings.build();
        RequestLog log = new RequestLog(new PrintStream(OutputStream.nullOutputStream()), true);

        GateConfigException e = assertThrows(GateConfigException.class, () -> RelayServer.create(built, log).close());
        assertTrue(e.getMessage().contains("HIVE_RELAY_TOKEN_PUBKEY"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {",,", ",", " , ,  "})
    void anAllowlistOfSeparatorsOnlyIsAStartUpError(String tokens, @TempDir Path workingDir) {
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsResolver.resolve(Map.of(),
                Map.of("HIVE_RELAY_ACCESS_TOKENS", tokens), null, workingDir));
        assertTrue(e.getMessage().contains("HIVE_RELAY_ACCESS_TOKENS"), e.getMessage());
    }
}
