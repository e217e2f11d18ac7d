package dev.hive.relay.cli;

import com.sun.net.httpserver.HttpServer;
import dev.hive.relay.admin.AdminSecret;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.SnapshotJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusCommandTest {

    private static final Pattern VERDICT = Pattern.compile(
            "hive-relay \\S+ (·|-) OK (·|-) up \\d+s (·|-) gate (open|allowlist \\(\\d+ tokens?\\))");

    @TempDir
    Path tmp;

    @Test
    void humanViewStartsWithTheVerdictAndListsTheWorkspaces() {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            TestRelay.Result empty = relay.cli("status");
            assertEquals(0, empty.exit(), empty.toString());
            String first = empty.out().lines().findFirst().orElseThrow();
            assertTrue(VERDICT.matcher(first).matches(), first);
            assertTrue(first.endsWith("gate open"), first);
            assertTrue(empty.out().contains("no workspaces yet"), empty.out());
            assertFalse(empty.out().contains("\u001b["), "no colour without a terminal");

            String longId = "workspace-0123456789abcdef0123456789abcdef";
            relay.post("/v1/workspaces/" + longId + "/envelopes", "{\"n\":1}", null);
            relay.post("/v1/workspaces/" + longId + "/presence", "{\"device_id\":\"phone\",\"data\":{}}", null);
            relay.post("/v1/workspaces/small/envelopes", "{\"n\":2}", null);
            relay.server.tokens().add("ops", null);

            TestRelay.Result status = relay.cli("status");
            assertEquals(0, status.exit(), status.toString());
            assertEquals("", status.err());
            String out = status.out();
            assertTrue(VERDICT.matcher(out.lines().findFirst().orElseThrow()).matches(), out);
            assertTrue(out.lines().findFirst().orElseThrow().endsWith("gate allowlist (1 token)"), out);
            for (String label : new String[] {"listeners ", "store ", "totals ", "traffic ", "process "}) {
                assertTrue(out.contains("\n" + label), label + " in\n" + out);
            }
            assertTrue(out.contains("2 workspaces"), out);
            assertTrue(out.contains("devices 1 active / 1 total"), out);
            assertTrue(out.contains("sqlite " + relay.dataDir.resolve("relay.db")), out);
            String row = out.lines().filter(l -> l.startsWith("works")).findFirst().orElseThrow();
            // Long ids keep both ends; the whole id is in --json.
            assertTrue(row.startsWith("workspace-"), row);
            assertTrue(row.contains("89abcdef "), row);
            assertFalse(row.contains(longId), row);
            assertTrue(row.matches("\\S+\\s+1\\s+1\\s+7 B\\s+1\\s+\\d+s ago"), row);
            assertTrue(out.lines().anyMatch(l -> l.matches("small\\s+0\\s+1\\s+7 B\\s+1\\s+\\d+s ago")), out);
            assertTrue(out.lines().filter(l -> !l.contains(relay.dataDir.toString())).allMatch(l -> l.length() <= 80),
                    "fits an 80-column terminal:\n" + out);
        }
    }

    @Test
    void jsonIsTheSnapshotAndNothingElse() {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            relay.post("/v1/workspaces/r1/envelopes", "{\"n\":1}", null);
            TestRelay.Result json = relay.cli("status", "--json");
            assertEquals(0, json.exit(), json.toString());
            assertEquals("", json.err());
            assertTrue(json.out().startsWith("{") && json.out().endsWith("}\n"), json.out());
            RelaySnapshot snapshot = SnapshotJson.read(json.out());
            assertEquals(1, snapshot.workspaces().size());
            assertEquals("r1", snapshot.workspaces().get(0).id());
            assertEquals(relay.server.adminAddress().toString(), snapshot.process().listeners().get(1).address());
        }
    }

    @Test
    void aStoppedRelayIsOneLineNamingTheFix() {
        Path dir = tmp.resolve("data");
        String address;
        try (TestRelay relay = TestRelay.start(dir)) {
            address = relay.server.adminAddress().toString();
        }
        TestRelay.Result result = TestRelay.run("status", "--data-dir", dir.toString());
        assertEquals(1, result.exit(), result.toString());
        assertEquals("", result.out());
        assertEquals("hive-relay: no relay answering on " + address + " (connection refused): is 'hive-relay serve' "
                + "running? If it uses another --admin-addr or --data-dir, pass the same here\n", result.err());
    }

    @Test
    void theAdminAddressFlagWinsAndTheSecretMustMatch() throws IOException {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            String admin = relay.server.adminAddress().toString();
            TestRelay.Result flagged = relay.cli("status", "--json", "--admin-addr", admin);
            assertEquals(0, flagged.exit(), flagged.toString());

            Path other = Files.createDirectories(tmp.resolve("other"));
            TestRelay.Result noSecret = TestRelay.run("status", "--admin-addr", admin, "--data-dir", other.toString());
            assertEquals(1, noSecret.exit());
            assertEquals("hive-relay: no admin secret at " + other.resolve(AdminSecret.SECRET_FILE) + "; is 'hive-relay "
                    + "serve' running with this --data-dir? Pass the same --data-dir (or HIVE_RELAY_DATA_DIR) as the "
                    + "relay\n", noSecret.err());

            AdminSecret.write(other, "not-the-secret");
            TestRelay.Result wrong = TestRelay.run("status", "--admin-addr", admin, "--data-dir", other.toString());
            assertEquals(1, wrong.exit());
            assertEquals("hive-relay: the admin secret in " + other + " does not match the running relay on " + admin
                    + "; pass the relay's --data-dir (or HIVE_RELAY_DATA_DIR)\n", wrong.err());

            TestRelay.Result bad = relay.cli("status", "--admin-addr", "nowhere");
            assertEquals(1, bad.exit());
            assertTrue(bad.err().startsWith("hive-relay: invalid --admin-addr=nowhere: expected host:port"), bad.err());
            assertEquals(1, bad.err().lines().count());
        }
    }

    @Test
    void somethingElseOnTheAdminAddressIsNamedAsSuch() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        AdminSecret.write(dir, "secret");
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] page = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().contains("stats") ? 200 : 404,
                    page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
        try {
            String address = "127.0.0.1:" + web.getAddress().getPort();
            TestRelay.Result status = TestRelay.run("status", "--admin-addr", address, "--data-dir", dir.toString());
            assertEquals(1, status.exit());
            assertEquals("hive-relay: something other than hive-relay answers on " + address + " (HTTP 200, not JSON); "
                    + "pass the relay's --admin-addr, or stop what listens there\n", status.err());
            TestRelay.Result tokens = TestRelay.run("tokens", "remove", "x", "--admin-addr", address, "--data-dir",
                    dir.toString());
            assertEquals(1, tokens.exit());
            assertTrue(tokens.err().startsWith("hive-relay: something other than hive-relay answers on " + address
                    + " (HTTP 404)"), tokens.err());
        } finally {
            web.stop(0);
        }
        try (ServerSocket mute = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = Thread.ofVirtual().start(() -> {
                try (Socket socket = mute.accept()) {
                    socket.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            String address = "127.0.0.1:" + mute.getLocalPort();
            TestRelay.Result status = TestRelay.run("status", "--admin-addr", address, "--data-dir", dir.toString());
            assertEquals(1, status.exit());
            assertTrue(status.err().startsWith("hive-relay: something other than hive-relay answers on " + address),
                    status.err());
            closer.interrupt();
        }
    }
}
