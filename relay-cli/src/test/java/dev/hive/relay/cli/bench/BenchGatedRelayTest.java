package dev.hive.relay.cli.bench;

import dev.hive.relay.json.JsonTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A relay behind an allowlist: the token goes out as a bearer, and its absence is named. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BenchGatedRelayTest {

    @TempDir
    static Path dir;
    private static TestRelay relay;

    @BeforeAll
    static void startRelay() {
        relay = TestRelay.start(dir, List.of("bench-t0ken"));
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @Test
    void sendsTheTokenOnEveryRequest() {
        TestRelay.Run run = TestRelay.cli("bench", "mixed", "--url", relay.url(), "--token", "bench-t0ken",
                "--requests", "40", "--connections", "2", "--rooms", "1", "--warmup", "0", "--json", "--no-progress");
        assertEquals(0, run.exitCode(), run.err());
        Map<?, ?> total = (Map<?, ?>) ((List<?>) JsonTree.parseObject(run.out()).get("results")).getFirst();
        assertEquals(40L, total.get("requests"));
        assertEquals(0L, total.get("errors"), total.toString());
    }

    @Test
    void namesAMissingToken() {
        TestRelay.Run run = TestRelay.cli("bench", "push", "--url", relay.url(), "--requests", "10", "--no-progress");
        assertEquals(1, run.exitCode());
        assertEquals("hive-relay: the relay at " + relay.url() + " requires an access token; pass --token TOKEN"
                + System.lineSeparator(), run.err());
    }

    @Test
    void namesAWrongToken() {
        TestRelay.Run run = TestRelay.cli("bench", "fanout", "--url", relay.url(), "--token", "nope", "--count", "5",
                "--no-progress");
        assertEquals(1, run.exitCode());
        assertEquals("hive-relay: the relay at " + relay.url() + " refused the --token given (401); check it"
                + System.lineSeparator(), run.err());
    }
}
