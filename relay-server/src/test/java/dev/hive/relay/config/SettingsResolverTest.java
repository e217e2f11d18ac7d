package dev.hive.relay.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings from flags, environment, {@code hive-relay.yaml} and defaults, strongest first. */
class SettingsResolverTest {

    @TempDir
    Path workingDir;

    private ResolvedSettings resolve(Map<Setting, String> flags, Map<String, String> env) {
        return SettingsResolver.resolve(flags, env, null, workingDir);
    }

    private RelaySettings settings(Map<Setting, String> flags, Map<String, String> env) {
        return resolve(flags, env).settings();
    }

    private SettingsException refused(Map<Setting, String> flags, Map<String, String> env) {
        return assertThrows(SettingsException.class, () -> resolve(flags, env));
    }

    private void writeConfig(String yaml) throws IOException {
        Files.writeString(workingDir.resolve(SettingsResolver.DEFAULT_CONFIG_FILE), yaml);
    }

    private static Source sourceOf(ResolvedSettings resolved, Setting setting) {
        return resolved.effective().stream().filter(row -> row.setting() == setting).findFirst().orElseThrow().source();
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        ResolvedSettings resolved = resolve(Map.of(), Map.of());
        RelaySettings s = resolved.settings();

        assertEquals(new HostPort("0.0.0.0", 8443), s.publicAddress());
        assertEquals(new HostPort("127.0.0.1", 8444), s.adminAddress());
        assertEquals(4_194_304, s.maxBodyBytes());
        assertEquals(50_000, s.maxEnvelopesPerRoom());
        assertEquals(0, s.retentionDays());
        assertEquals(100.0, s.pushRate());
        assertEquals(300, s.pushBurst());
        assertEquals(2_000, s.maxStreams());
        assertEquals(Duration.ofSeconds(25), s.sseKeepAlive());
        assertEquals(Duration.ofSeconds(30), s.readTimeout());
        assertEquals(List.of(), s.accessTokens());
        assertNull(s.tokenPublicKey());
        assertEquals(StoreKind.SQLITE, s.store());
        assertTrue(resolved.configFile().isEmpty());
        assertEquals(Source.DEFAULT, sourceOf(resolved, Setting.MAX_BODY_BYTES));
        assertEquals(Source.DEFAULT, sourceOf(resolved, Setting.ADDR));
    }

    @Test
    void flagsBeatEnvironmentBeatsConfigFileBeatsDefaults() throws IOException {
        writeConfig("max-body-bytes: 1000\nmax-envelopes: 10\npush-burst: 7\nmax-sse: 5\n");
        Map<String, String> env = Map.of("HIVE_RELAY_MAX_BODY_BYTES", "2000", "HIVE_RELAY_MAX_ENVELOPES", "20",
                "HIVE_RELAY_PUSH_BURST", "8");
        Map<Setting, String> flags = Map.of(Setting.MAX_BODY_BYTES, "3000");

        ResolvedSettings resolved = resolve(flags, env);
        RelaySettings s = resolved.settings();

        assertEquals(3000, s.maxBodyBytes());
        assertEquals(Source.FLAG, sourceOf(resolved, Setting.MAX_BODY_BYTES));
        assertEquals(20, s.maxEnvelopesPerRoom());
        assertEquals(Source.ENVIRONMENT, sourceOf(resolved, Setting.MAX_ENVELOPES));
        assertEquals(8, s.pushBurst());
        assertEquals(5, s.maxStreams());
        assertEquals(Source.CONFIG_FILE, sourceOf(resolved, Setting.MAX_SSE));
        assertEquals(100.0, s.pushRate());
        assertEquals(Source.DEFAULT, sourceOf(resolved, Setting.PUSH_RATE));
        assertEquals(workingDir.resolve(SettingsResolver.DEFAULT_CONFIG_FILE), resolved.configFile().orElseThrow());

        assertEquals(2000, settings(Map.of(), env).maxBodyBytes());
        assertEquals(1000, settings(Map.of(), Map.of()).maxBodyBytes());
    }

    @Test
    void theConfigFileCanBeNamedByFlagOrEnvironment() throws IOException {
        Path elsewhere = Files.writeString(workingDir.resolve("custom.yaml"), "max-sse: 9\n");
        Path flagged = Files.writeString(workingDir.resolve("flagged.yaml"), "max-sse: 11\n");

        assertEquals(9, settings(Map.of(), Map.of("HIVE_RELAY_CONFIG", elsewhere.toString())).maxStreams());
        assertEquals(11, SettingsResolver.resolve(Map.of(), Map.of("HIVE_RELAY_CONFIG", elsewhere.toString()),
                flagged, workingDir).settings().maxStreams());
    }

    @Test
    void aNamedConfigFileThatDoesNotExistIsAnError() {
        SettingsException e = refused(Map.of(), Map.of("HIVE_RELAY_CONFIG", workingDir.resolve("missing.yaml").toString()));
        assertTrue(e.getMessage().contains("HIVE_RELAY_CONFIG"), e.getMessage());
        assertThrows(SettingsException.class,
                () -> SettingsResolver.resolve(Map.of(), Map.of(), workingDir.resolve("nope.yaml"), workingDir));
    }

    // --- binding ---

    @Test
    void portWinsOverTheAddressAtTheSameLevel() {
        RelaySettings s = settings(Map.of(), Map.of("PORT", "9000", "HIVE_RELAY_ADDR", "127.0.0.1:7000"));
        assertEquals(new HostPort("0.0.0.0", 9000), s.publicAddress());

        assertEquals(new HostPort("127.0.0.1", 7000),
                settings(Map.of(), Map.of("HIVE_RELAY_ADDR", "127.0.0.1:7000")).publicAddress());
        assertEquals(new HostPort("::1", 7000),
                settings(Map.of(), Map.of("HIVE_RELAY_ADDR", "[::1]:7000")).publicAddress());
    }

    @Test
    void aStrongerLevelWinsOverPortFromAWeakerOne() {
        RelaySettings s = settings(Map.of(Setting.ADDR, "127.0.0.1:7001"), Map.of("PORT", "9000"));
        assertEquals(new HostPort("127.0.0.1", 7001), s.publicAddress());
    }

    @Test
    void bothPortAndAddressFlagsAreAnError() {
        refused(Map.of(Setting.PORT, "9000", Setting.ADDR, "127.0.0.1:7000"), Map.of());
    }

    // --- bad values name their source ---

    @ParameterizedTest
    @CsvSource(delimiter = '=', value = {
            "PORT=http", "PORT=99999", "PORT=-1",
            "HIVE_RELAY_ADDR=nonsense", "HIVE_RELAY_ADDR=host:", "HIVE_RELAY_ADDR=::1:80",
            "HIVE_RELAY_MAX_BODY_BYTES=lots", "HIVE_RELAY_MAX_BODY_BYTES=0", "HIVE_RELAY_MAX_BODY_BYTES=-1",
            "HIVE_RELAY_MAX_ENVELOPES=-5", "HIVE_RELAY_MAX_ENVELOPES=1.5", "HIVE_RELAY_RETENTION_DAYS=x",
            "HIVE_RELAY_PUSH_RATE=-1", "HIVE_RELAY_PUSH_RATE=fast", "HIVE_RELAY_PUSH_RATE=NaN",
            "HIVE_RELAY_PUSH_BURST=0", "HIVE_RELAY_PUSH_BURST=many", "HIVE_RELAY_MAX_SSE=abc",
            "HIVE_RELAY_SSE_KEEPALIVE=0s", "HIVE_RELAY_SSE_KEEPALIVE=often", "HIVE_RELAY_READ_TIMEOUT=soon",
            "HIVE_RELAY_READ_TIMEOUT=0", "HIVE_RELAY_SHUTDOWN_GRACE=later", "HIVE_RELAY_STORE=mongo",
            "HIVE_RELAY_LOG_FORMAT=xml", "HIVE_RELAY_ADMIN_UNSAFE_ALLOW_NON_LOOPBACK=maybe",
            "HIVE_RELAY_QUEUE_BUDGET=huge", "HIVE_RELAY_MAX_ENVELOPES=99999999999"})
    void aBadEnvironmentValueIsAnErrorNamingTheVariable(String variable, String value) {
        SettingsException e = refused(Map.of(), Map.of(variable, value));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }

    @Test
    void aBadFlagValueIsAnErrorNamingTheFlag() {
        SettingsException e = refused(Map.of(Setting.MAX_BODY_BYTES, "lots"), Map.of());
        assertTrue(e.getMessage().contains("--max-body-bytes"), e.getMessage());
    }

    @Test
    void aBadConfigFileValueIsAnErrorNamingTheKeyAndFile() throws IOException {
        writeConfig("push-burst: none\n");
        SettingsException e = refused(Map.of(), Map.of());
        assertTrue(e.getMessage().contains("push-burst"), e.getMessage());
        assertTrue(e.getMessage().contains(SettingsResolver.DEFAULT_CONFIG_FILE), e.getMessage());
    }

    @Test
    void anUnknownConfigFileKeyIsRejected() throws IOException {
        writeConfig("max-body-bytes: 1000\nmax-bodybytes: 2000\n");
        SettingsException e = refused(Map.of(), Map.of());
        assertTrue(e.getMessage().contains("max-bodybytes"), e.getMessage());
    }

    @Test
    void aConfigFileThatIsNotYamlIsRejected() throws IOException {
        writeConfig("max-body-bytes: [1000\n  : :\n");
        refused(Map.of(), Map.of());
    }

    // --- units ---

    @ParameterizedTest
    @CsvSource({"4194304, 4194304", "4MiB, 4194304", "512KiB, 524288", "1k, 1024", "2M, 2097152"})
    void sizesTakeUnits(String text, long bytes) {
        assertEquals(bytes, settings(Map.of(), Map.of("HIVE_RELAY_MAX_BODY_BYTES", text)).maxBodyBytes());
    }

    @Test
    void durationsTakeUnits() {
        RelaySettings s = settings(Map.of(), Map.of("HIVE_RELAY_SSE_KEEPALIVE", "500ms", "HIVE_RELAY_READ_TIMEOUT", "2m"));
        assertEquals(Duration.ofMillis(500), s.sseKeepAlive());
        assertEquals(Duration.ofMinutes(2), s.readTimeout());
        assertEquals(Duration.ofSeconds(7), settings(Map.of(), Map.of("HIVE_RELAY_READ_TIMEOUT", "7")).readTimeout());
    }

    // --- the admin listener stays on loopback ---

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0:8444", "192.0.2.10:8444", "[::]:8444"})
    void aNonLoopbackAdminAddressIsRefused(String address) {
        SettingsException e = refused(Map.of(), Map.of("HIVE_RELAY_ADMIN_ADDR", address));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void aNonLoopbackAdminAddressIsAllowedWithTheUnsafeFlag() {
        RelaySettings s = settings(Map.of(Setting.ADMIN_UNSAFE_NON_LOOPBACK, "true"),
                Map.of("HIVE_RELAY_ADMIN_ADDR", "0.0.0.0:8444"));
        assertEquals(new HostPort("0.0.0.0", 8444), s.adminAddress());
        assertTrue(s.adminUnsafeNonLoopback());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9444", "[::1]:9444", "localhost:9444", "127.0.0.2:9444"})
    void loopbackAdminAddressesAreFine(String address) {
        assertEquals(9444, settings(Map.of(), Map.of("HIVE_RELAY_ADMIN_ADDR", address)).adminAddress().port());
    }

    // --- access control settings ---

    @Test
    void theAllowlistIsSplitTrimmedAndStrippedOfEmpties() {
        RelaySettings s = settings(Map.of(), Map.of("HIVE_RELAY_ACCESS_TOKENS", " alpha , beta,, gamma ,"));
        assertEquals(List.of("alpha", "beta", "gamma"), s.accessTokens());
    }

    @Test
    void theAllowlistMayBeAYamlList() throws IOException {
        writeConfig("access-tokens: [alpha, beta]\n");
        assertEquals(List.of("alpha", "beta"), settings(Map.of(), Map.of()).accessTokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {",,", ",", " , "})
    void anAllowlistThatIsSetButHoldsNoTokenIsAnError(String tokens) {
        SettingsException e = refused(Map.of(), Map.of("HIVE_RELAY_ACCESS_TOKENS", tokens));
        assertTrue(e.getMessage().contains("HIVE_RELAY_ACCESS_TOKENS"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyAllowlistMeansUnsetAsTheProductPageSays(String tokens) {
        assertEquals(List.of(), settings(Map.of(), Map.of("HIVE_RELAY_ACCESS_TOKENS", tokens)).accessTokens());
    }

    @Test
    void allowlistTokensAreNeverShown() {
        ResolvedSettings resolved = resolve(Map.of(), Map.of("HIVE_RELAY_ACCESS_TOKENS", "secret-one,secret-two"));
        resolved.effective().forEach(row -> assertFalse(row.display().contains("secret-"), row.toString()));
    }

    @Test
    void aBlankPublicKeyIsAnErrorAndAGivenOneIsTrimmed() {
        SettingsException e = refused(Map.of(), Map.of("HIVE_RELAY_TOKEN_PUBKEY", "   "));
        assertTrue(e.getMessage().contains("HIVE_RELAY_TOKEN_PUBKEY"), e.getMessage());

        assertEquals("abc", settings(Map.of(), Map.of("HIVE_RELAY_TOKEN_PUBKEY", "  abc\n")).tokenPublicKey());
    }

    @Test
    void trustedProxiesAreAList() {
        assertEquals(List.of("10.0.0.1", "10.0.0.2"),
                settings(Map.of(), Map.of("HIVE_RELAY_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2 ,")).trustedProxies());
    }
}
