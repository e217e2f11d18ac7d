package dev.hive.relay.cli;

import dev.hive.relay.admin.AdminSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthCommandTest {

    @TempDir
    Path tmp;

    @Test
    void okWithPerfdata() {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            TestRelay.Result result = relay.cli("health");
            assertEquals(0, result.exit(), result.toString());
            assertEquals("", result.err());
            assertEquals(1, result.out().lines().count(), result.out());
            assertTrue(result.out().startsWith("HIVE-RELAY OK - 0 workspaces, 0 queued (0 B), 0 streams | "
                    + "queued_bytes=0B;;;0 queued_events=0;;;0 workspaces=0;;;0 streams=0;;;0 devices_active=0;;;0 "),
                    result.out());
        }
    }

    @Test
    void queueThresholdsGiveWarningThenCritical() {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            String body = "{\"ciphertext\":\"" + "x".repeat(1000) + "\"}";
            int size = body.length();
            relay.post("/v1/workspaces/r/envelopes", body, null);
            relay.post("/v1/workspaces/r/envelopes", body.replace("}", ",\"n\":2}"), null);
            long queued = size * 2L + 6;

            TestRelay.Result below = relay.cli("health", "--warn-queue-bytes", "4KiB", "--crit-queue-bytes", "8KiB");
            assertEquals(0, below.exit(), below.toString());
            assertTrue(below.out().startsWith("HIVE-RELAY OK - 1 workspace, 2 queued (2.0 KiB), 0 streams | "
                    + "queued_bytes=" + queued + "B;4096;8192;0 "), below.out());

            TestRelay.Result warn = relay.cli("health", "--warn-queue-bytes", "1KiB", "--crit-queue-bytes", "8KiB");
            assertEquals(1, warn.exit(), warn.toString());
            assertTrue(warn.out().startsWith("HIVE-RELAY WARNING - queued 2.0 KiB reaches the warning threshold "
                    + "1.0 KiB; 1 workspace, 2 queued (2.0 KiB), 0 streams | queued_bytes=" + queued + "B;1024;8192;0"),
                    warn.out());

            TestRelay.Result crit = relay.cli("health", "--warn-queue-bytes", "1KiB", "--crit-queue-bytes",
                    String.valueOf(queued));
            assertEquals(2, crit.exit(), crit.toString());
            assertTrue(crit.out().startsWith("HIVE-RELAY CRITICAL - queued 2.0 KiB reaches the critical threshold"),
                    crit.out());

            TestRelay.Result critOnly = relay.cli("health", "--crit-queue-bytes", "100");
            assertEquals(2, critOnly.exit(), critOnly.toString());
        }
    }

    @Test
    void theRelaysOwnVerdictCounts() {
        // A 1 MiB queue budget: the relay warns from 80 % of it and is critical at 100 %. (Queued
        // memory grows by whole chunks of up to 16 KiB, so the budget is many chunks wide.)
        int budget = 1024 * 1024;
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"), b -> b.queueBudgetBytes = budget)) {
            int n = 0;
            while (relay.server.stats().snapshot().totals().queuedMemoryBytes() < 0.8 * budget) {
                relay.post("/v1/workspaces/r/envelopes", "{\"n\":" + n++ + ",\"pad\":\"" + "y".repeat(2000) + "\"}",
                        null);
            }
            TestRelay.Result warn = relay.cli("health");
            assertEquals(1, warn.exit(), warn.toString());
            assertTrue(warn.out().startsWith("HIVE-RELAY WARNING - queue takes "), warn.out());
            assertTrue(relay.cli("status").out().contains("\nhealth     WARN: queue takes "));

            while (relay.server.stats().snapshot().totals().queuedMemoryBytes() < budget) {
                relay.post("/v1/workspaces/r/envelopes", "{\"n\":" + n++ + ",\"pad\":\"" + "y".repeat(2000) + "\"}",
                        null);
            }
            TestRelay.Result crit = relay.cli("health");
            assertEquals(2, crit.exit(), crit.toString());
            assertTrue(crit.out().startsWith("HIVE-RELAY CRITICAL - queue takes "), crit.out());
            assertTrue(relay.cli("status").out().lines().findFirst().orElseThrow().contains(" CRIT "));
        }
    }

    @Test
    void aStoppedRelayIsCritical() {
        Path dir = tmp.resolve("data");
        String address;
        try (TestRelay relay = TestRelay.start(dir)) {
            address = relay.server.adminAddress().toString();
        }
        TestRelay.Result result = TestRelay.run("health", "--data-dir", dir.toString());
        assertEquals(2, result.exit(), result.toString());
        assertEquals("HIVE-RELAY CRITICAL - no relay answering on " + address + " (connection refused): is "
                + "'hive-relay serve' running? If it uses another --admin-addr or --data-dir, pass the same here\n",
                result.out());
        assertEquals("", result.err());
    }

    @Test
    void usageErrorsAreUnknown() {
        for (String[] args : new String[][] {
                {"health", "--bogus"},
                {"health", "--warn-queue-bytes", "lots"},
                {"health", "--crit-queue-bytes"},
                {"health", "--timeout", "forever"},
                {"health", "--timeout", "0s"},
                {"health", "--warn-queue-bytes", "2MiB", "--crit-queue-bytes", "1MiB"},
                {"health", "extra"}}) {
            TestRelay.Result result = TestRelay.run(args);
            assertEquals(3, result.exit(), String.join(" ", args) + "\n" + result);
            assertTrue(result.err().startsWith("hive-relay: "), result.err());
            assertTrue(result.err().contains("Try 'hive-relay health --help'"), result.err());
        }
    }

    @Test
    void anUnreadableOrWrongSecretIsUnknown() throws IOException {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            String admin = relay.server.adminAddress().toString();
            Path broken = Files.createDirectories(tmp.resolve("broken").resolve(AdminSecret.SECRET_FILE));
            TestRelay.Result unreadable = TestRelay.run("health", "--admin-addr", admin, "--data-dir",
                    broken.getParent().toString());
            assertEquals(3, unreadable.exit(), unreadable.toString());
            assertTrue(unreadable.out().startsWith("HIVE-RELAY UNKNOWN - cannot read the admin secret " + broken),
                    unreadable.out());

            Path empty = Files.createDirectories(tmp.resolve("empty"));
            Files.writeString(empty.resolve(AdminSecret.SECRET_FILE), "\n");
            TestRelay.Result blank = TestRelay.run("health", "--admin-addr", admin, "--data-dir", empty.toString());
            assertEquals(3, blank.exit(), blank.toString());
            assertTrue(blank.out().startsWith("HIVE-RELAY UNKNOWN - the admin secret "), blank.out());

            AdminSecret.write(empty, "wrong");
            TestRelay.Result wrong = TestRelay.run("health", "--admin-addr", admin, "--data-dir", empty.toString());
            assertEquals(3, wrong.exit(), wrong.toString());
            assertTrue(wrong.out().contains("does not match the running relay"), wrong.out());
        }
    }
}
