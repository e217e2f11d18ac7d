package dev.hive.relay.cli;

import dev.hive.relay.gate.GateConfigException;
import dev.hive.relay.gate.TokenRegistry;
import dev.hive.relay.json.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensCommandTest {

    private static final String PULL = "/v1/workspaces/room/envelopes?after=0";

    @TempDir
    Path tmp;

    @Test
    void addGatesTheRelayAndRecordsUseListNeverShowsSecretsRemoveRevokes() throws Exception {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            assertEquals(200, relay.get(PULL, null).statusCode(), "open before the first token");

            TestRelay.Result added = relay.cli("tokens", "add", "--label", "alice", "--expires", "90d");
            assertEquals(0, added.exit(), added.toString());
            assertEquals("", added.err());
            String secret = secretIn(added.out());
            assertTrue(added.out().startsWith("added token tk_"), added.out());
            assertTrue(added.out().contains("(label alice, expires "), added.out());
            assertTrue(added.out().contains("This is the only time it is shown"), added.out());
            assertTrue(added.out().contains("NOTE: this relay was open and is now in ALLOWLIST mode"), added.out());

            assertEquals(401, relay.get(PULL, null).statusCode(), "allowlist from the next request");
            TestRelay.Result before = relay.cli("tokens", "list", "--json");
            assertNull(tokens(before.out()).get(0).get("last_used_ms"));
            assertEquals(200, relay.get(PULL, secret).statusCode());

            TestRelay.Result list = relay.cli("tokens", "list");
            assertEquals(0, list.exit(), list.toString());
            assertFalse(list.out().contains(secret));
            List<String> lines = list.out().lines().toList();
            assertEquals("gate allowlist: 1 live token", lines.get(0));
            assertTrue(lines.get(1).matches("ID\\s+LABEL\\s+SOURCE\\s+CREATED\\s+LAST USED\\s+EXPIRES"), lines.get(1));
            assertTrue(lines.get(2).matches("tk_[0-9a-f]{8}\\s+alice\\s+file\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+"
                    + "\\d+s ago\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"), lines.get(2));
            TestRelay.Result json = relay.cli("tokens", "list", "--json");
            assertFalse(json.out().contains(secret));
            Map<?, ?> token = tokens(json.out()).get(0);
            assertNotNull(token.get("last_used_ms"), json.out());
            assertTrue((Long) token.get("expires_ms") > System.currentTimeMillis() + 89L * 86_400_000);
            assertFalse(Files.readString(relay.dataDir.resolve(TokenRegistry.FILE_NAME)).contains(secret),
                    "only the hash is stored");

            TestRelay.Result second = relay.cli("tokens", "add");
            assertFalse(second.out().contains("NOTE"), "already an allowlist: " + second.out());

            TestRelay.Result removed = relay.cli("tokens", "remove", "alice");
            assertEquals(0, removed.exit(), removed.toString());
            assertTrue(removed.out().startsWith("removed token " + token.get("id") + " (label alice"), removed.out());
            assertTrue(removed.out().contains("1 token remains; gate allowlist"), removed.out());
            assertEquals(401, relay.get(PULL, secret).statusCode(), "revoked at once");
            assertEquals(200, relay.get(PULL, secretIn(second.out())).statusCode());

            TestRelay.Result last = relay.cli("tokens", "remove", id(second.out()));
            assertTrue(last.out().contains("NOTE: no tokens remain: the relay stays in allowlist mode"), last.out());
            assertEquals(401, relay.get(PULL, null).statusCode(), "removing every token never reopens the relay");
        }
    }

    @Test
    void referencesThatMatchNothingOrTooMuchOrTheEnvironmentAreRefused() {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"), b -> b.accessTokens = List.of("from-env"))) {
            assertEquals(200, relay.get(PULL, "from-env").statusCode());
            relay.cli("tokens", "add", "--label", "twin");
            relay.cli("tokens", "add", "--label", "twin");
            TestRelay.Result list = relay.cli("tokens", "list");
            assertTrue(list.out().lines().anyMatch(l -> l.matches("env-[0-9a-f]{8}\\s+-\\s+environment\\s+-\\s+.*")),
                    list.out());

            TestRelay.Result none = relay.cli("tokens", "remove", "nobody");
            assertEquals(1, none.exit());
            assertEquals("hive-relay: no token with id or label 'nobody'; 'hive-relay tokens list' shows them\n",
                    none.err());
            TestRelay.Result twins = relay.cli("tokens", "rotate", "twin");
            assertEquals(1, twins.exit());
            assertEquals("hive-relay: label 'twin' names 2 tokens; use the id from 'hive-relay tokens list'\n",
                    twins.err());
            String envId = list.out().lines().filter(l -> l.startsWith("env-")).findFirst().orElseThrow()
                    .split("\\s+")[0];
            TestRelay.Result env = relay.cli("tokens", "remove", envId);
            assertEquals(1, env.exit());
            assertTrue(env.err().contains("comes from HIVE_RELAY_ACCESS_TOKENS"), env.err());
            assertEquals(200, relay.get(PULL, "from-env").statusCode());

            TestRelay.Result odd = relay.cli("tokens", "add", "--label", "ops team/night shift");
            assertEquals(0, odd.exit(), odd.toString());
            TestRelay.Result gone = relay.cli("tokens", "remove", "ops team/night shift");
            assertEquals(0, gone.exit(), gone.toString());
            assertEquals(401, relay.get(PULL, secretIn(odd.out())).statusCode());

            assertEquals(2, relay.cli("tokens").exit(), "a subcommand is required");
            assertEquals(2, relay.cli("tokens", "add", "--expires", "soon").exit());
            assertEquals(2, relay.cli("tokens", "add", "--expires", "0d").exit());
            assertEquals(2, relay.cli("tokens", "remove").exit());
        }
    }

    @Test
    void rotationKeepsTheOldTokenForTheGraceOnly() throws Exception {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            String old = secretIn(relay.cli("tokens", "add", "--label", "bob").out());
            long before = System.currentTimeMillis();
            TestRelay.Result rotated = relay.cli("tokens", "rotate", "bob", "--grace", "1s");
            long rotatedAt = System.currentTimeMillis();
            assertEquals(0, rotated.exit(), rotated.toString());
            String fresh = secretIn(rotated.out());
            assertTrue(rotated.out().startsWith("rotated bob: new token tk_"), rotated.out());
            assertTrue(rotated.out().contains("The old token keeps working until "), rotated.out());
            assertTrue(rotated.out().contains("(for 1s), then stops."), rotated.out());
            assertEquals(200, relay.get(PULL, fresh).statusCode());
            if (System.currentTimeMillis() - before < 900) {
                assertEquals(200, relay.get(PULL, old).statusCode(), "the old token works during the grace");
            }
            Thread.sleep(Math.max(0, rotatedAt + 1_100 - System.currentTimeMillis()));
            assertEquals(401, relay.get(PULL, old).statusCode(), "the old token stops after the grace");
            assertEquals(200, relay.get(PULL, fresh).statusCode());
            TestRelay.Result list = relay.cli("tokens", "list");
            assertTrue(list.out().startsWith("gate allowlist: 1 live token (and 1 expired)\n"), list.out());
            assertTrue(list.out().contains(" expired\n"), list.out());

            // Once the grace is over the label means the live token alone; --grace 0s cuts off at once.
            TestRelay.Result again = relay.cli("tokens", "rotate", "bob", "--grace", "0s");
            assertEquals(0, again.exit(), again.toString());
            assertTrue(again.out().contains("The old token no longer works."), again.out());
            assertEquals(401, relay.get(PULL, fresh).statusCode());
            assertEquals(200, relay.get(PULL, secretIn(again.out())).statusCode());
        }
    }

    @Test
    void aRestartKeepsTheSetAndACorruptFileStopsStartUp() throws Exception {
        Path dir = tmp.resolve("data");
        String kept;
        String removed;
        String rotatedOld;
        String rotatedNew;
        try (TestRelay relay = TestRelay.start(dir)) {
            kept = secretIn(relay.cli("tokens", "add", "--label", "kept").out());
            removed = secretIn(relay.cli("tokens", "add", "--label", "removed").out());
            rotatedOld = secretIn(relay.cli("tokens", "add", "--label", "rotated").out());
            rotatedNew = secretIn(relay.cli("tokens", "rotate", "rotated", "--grace", "1h").out());
            assertEquals(0, relay.cli("tokens", "remove", "removed").exit());
            assertEquals(200, relay.get(PULL, kept).statusCode());
        }
        try (TestRelay relay = TestRelay.start(dir)) {
            assertEquals(200, relay.get(PULL, kept).statusCode());
            assertEquals(401, relay.get(PULL, removed).statusCode());
            assertEquals(200, relay.get(PULL, rotatedOld).statusCode(), "still in its grace after the restart");
            assertEquals(200, relay.get(PULL, rotatedNew).statusCode());
            assertEquals(401, relay.get(PULL, null).statusCode());
            List<Map<?, ?>> tokens = tokens(relay.cli("tokens", "list", "--json").out());
            assertEquals(3, tokens.size());
            assertNotNull(tokens.get(0).get("last_used_ms"), "use before the restart was recorded");
        }

        Files.writeString(dir.resolve(TokenRegistry.FILE_NAME), "{\"version\":1,\"gating\":true,\"tokens\":[{\"id\"");
        GateConfigException corrupt = assertThrows(GateConfigException.class, () -> TestRelay.start(dir));
        assertTrue(corrupt.getMessage().startsWith("the token file " + dir.resolve(TokenRegistry.FILE_NAME)
                + " is corrupt ("), corrupt.getMessage());
        assertTrue(corrupt.getMessage().endsWith("restore it from a backup, or move it away to start with no tokens"));

        TestRelay.Result serve = TestRelay.run("serve", "--data-dir", dir.toString(), "--addr", "127.0.0.1:0",
                "--admin-addr", "127.0.0.1:0");
        assertEquals(1, serve.exit(), serve.toString());
        assertTrue(serve.err().lines().anyMatch(l -> l.startsWith("hive-relay: the token file ")
                && l.contains(" is corrupt (")), serve.err());
        assertFalse(serve.err().contains("\tat "), "no stack trace");

        TestRelay.Result offline = TestRelay.run("tokens", "list", "--data-dir", dir.toString());
        assertEquals(1, offline.exit());
        assertTrue(offline.err().startsWith("hive-relay: the token file "), offline.err());
    }

    @Test
    void requestsDuringRotationsNeverSeeATornSet() throws Exception {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"));
             ExecutorService pool = Executors.newFixedThreadPool(6)) {
            TestRelay.Result first = relay.cli("tokens", "add", "--label", "hammer", "--json");
            Map<String, Object> issued = JsonTree.parseObject(first.out());
            List<String> valid = new CopyOnWriteArrayList<>(List.of((String) issued.get("secret")));
            String id = (String) ((Map<?, ?>) issued.get("token")).get("id");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger requests = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        String token = valid.get(ThreadLocalRandom.current().nextInt(valid.size()));
                        int status = relay.get(PULL, token).statusCode();
                        requests.incrementAndGet();
                        if (status != 200) {
                            failures.add(status + " for token #" + valid.indexOf(token));
                        }
                    }
                }));
            }
            for (int i = 0; i < 15; i++) {
                TestRelay.Result rotated = relay.cli("tokens", "rotate", id, "--grace", "1h", "--json");
                assertEquals(0, rotated.exit(), rotated.toString());
                Map<String, Object> next = JsonTree.parseObject(rotated.out());
                valid.add((String) next.get("secret"));
                id = (String) ((Map<?, ?>) next.get("token")).get("id");
                assertEquals(valid.size(), tokens(relay.cli("tokens", "list", "--json").out()).size());
            }
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get();
            }
            assertEquals(List.of(), failures);
            assertTrue(requests.get() > 50, "hammered " + requests.get() + " times");
            for (String token : valid) {
                assertEquals(200, relay.get(PULL, token).statusCode());
            }
        }
    }

    @Test
    void withNoRelayRunningTheFileIsChangedAndReadAtStart() throws Exception {
        Path dir = tmp.resolve("data");
        try (TestRelay relay = TestRelay.start(dir)) {
            assertEquals(200, relay.get(PULL, null).statusCode());
        }
        TestRelay.Result added = TestRelay.run("tokens", "add", "--label", "carol", "--data-dir", dir.toString());
        assertEquals(0, added.exit(), added.toString());
        assertEquals("relay not running: changed " + dir.resolve(TokenRegistry.FILE_NAME)
                + "; the relay reads it at start\n", added.err());
        assertTrue(added.out().contains("NOTE: this relay was open; it will start in ALLOWLIST mode"), added.out());
        String carol = secretIn(added.out());
        String dave = secretIn(TestRelay.run("tokens", "add", "--label", "dave", "--data-dir", dir.toString()).out());
        TestRelay.Result removed = TestRelay.run("tokens", "remove", "dave", "--data-dir", dir.toString());
        assertEquals(0, removed.exit(), removed.toString());

        TestRelay.Result list = TestRelay.run("tokens", "list", "--data-dir", dir.toString());
        assertEquals(0, list.exit(), list.toString());
        assertEquals("relay not running: read " + dir.resolve(TokenRegistry.FILE_NAME) + "\n", list.err());
        assertTrue(list.out().startsWith("gate allowlist: 1 live token\n"), list.out());

        try (TestRelay relay = TestRelay.start(dir)) {
            assertEquals(401, relay.get(PULL, null).statusCode());
            assertEquals(200, relay.get(PULL, carol).statusCode());
            assertEquals(401, relay.get(PULL, dave).statusCode());
        }

        // A data directory that does not exist yet: tokens can be set up before the first start.
        Path fresh = tmp.resolve("fresh/state");
        TestRelay.Result early = TestRelay.run("tokens", "add", "--data-dir", fresh.toString());
        assertEquals(0, early.exit(), early.toString());
        assertTrue(Files.isRegularFile(fresh.resolve(TokenRegistry.FILE_NAME)));
        try (TestRelay relay = TestRelay.start(fresh)) {
            assertEquals(200, relay.get(PULL, secretIn(early.out())).statusCode());
        }
    }

    private static String secretIn(String out) {
        return out.lines().filter(l -> l.startsWith("hrl_")).findFirst()
                .orElseThrow(() -> new AssertionError("no token in:\n" + out));
    }

    private static String id(String out) {
        int at = out.indexOf("tk_");
        return out.substring(at, at + 11);
    }

    private static List<Map<?, ?>> tokens(String json) {
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object item : (List<?>) JsonTree.parseObject(json).get("tokens")) {
            out.add((Map<?, ?>) item);
        }
        return out;
    }
}
