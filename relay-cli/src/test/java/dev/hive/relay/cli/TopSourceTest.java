package dev.hive.relay.cli;

import dev.hive.relay.admin.AdminSecret;
import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.config.Setting;
import dev.hive.relay.config.SettingsResolver;
import dev.hive.relay.stats.RelaySnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code top} reads from: it must ride out relay restarts (new secret, maybe new admin port)
 * and say why it has no data in a few words.
 */
class TopSourceTest {

    @TempDir
    Path tmp;

    @Test
    void aRestartedRelayIsFoundAgainWithItsNewSecretAndPort() throws Exception {
        Path dir = tmp.resolve("data");
        try (AdminSnapshotSource source = new AdminSnapshotSource(settings(dir, null))) {
            String firstSecret;
            String firstAdmin;
            try (TestRelay relay = TestRelay.start(dir)) {
                relay.post("/v1/workspaces/room-a/envelopes", "{\"n\":1}", null);
                RelaySnapshot snapshot = source.fetch();
                assertEquals("room-a", snapshot.workspaces().get(0).id());
                firstSecret = AdminSecret.read(dir);
                firstAdmin = relay.server.adminAddress().toString();
            }
            AdminSnapshotSource.Unreachable down = assertThrows(AdminSnapshotSource.Unreachable.class, source::fetch);
            assertEquals("connection refused by " + firstAdmin, down.getMessage());
            assertTrue(down.getCause().getMessage().startsWith("no relay answering on " + firstAdmin), down::toString);

            try (TestRelay relay = TestRelay.start(dir)) {
                assertNotEquals(firstSecret, AdminSecret.read(dir), "each start writes a new secret");
                relay.post("/v1/workspaces/room-b/envelopes", "{\"n\":1}", null);
                RelaySnapshot snapshot = source.fetch();
                assertEquals(2, snapshot.workspaces().size());
                assertEquals(relay.server.adminAddress().toString(), snapshot.process().listeners().get(1).address());
            }
        }
    }

    @Test
    void aQuickRestartBetweenTwoFetchesIsNotEvenAnError() throws Exception {
        Path dir = tmp.resolve("data");
        try (AdminSnapshotSource source = new AdminSnapshotSource(settings(dir, null))) {
            try (TestRelay first = TestRelay.start(dir)) {
                assertEquals(first.server.adminAddress().toString(),
                        source.fetch().process().listeners().get(1).address());
            }
            // The client that worked now holds the old secret and address: it is dropped and replaced at once.
            try (TestRelay relay = TestRelay.start(dir)) {
                RelaySnapshot snapshot = source.fetch();
                assertEquals(relay.server.adminAddress().toString(), snapshot.process().listeners().get(1).address());
            }
        }
    }

    @Test
    void aMissingSecretIsAReasonNotAFailure() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"));
             AdminSnapshotSource source = new AdminSnapshotSource(settings(empty,
                     relay.server.adminAddress().toString()))) {
            AdminSnapshotSource.Unreachable missing = assertThrows(AdminSnapshotSource.Unreachable.class,
                    source::fetch);
            assertEquals("no admin secret in " + empty, missing.getMessage());

            AdminSecret.write(empty, "not-the-secret");
            AdminSnapshotSource.Unreachable wrong = assertThrows(AdminSnapshotSource.Unreachable.class,
                    source::fetch);
            assertEquals("wrong admin secret for " + relay.server.adminAddress(), wrong.getMessage());

            // The relay's own secret appears (as after 'serve' starts): the next fetch reads it.
            AdminSecret.write(empty, AdminSecret.read(relay.dataDir));
            assertEquals(0, source.fetch().workspaces().size());
        }
    }

    private static ResolvedSettings settings(Path dataDir, String adminAddr) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.DATA_DIR, dataDir.toString());
        if (adminAddr != null) {
            flags.put(Setting.ADMIN_ADDR, adminAddr);
        }
        return SettingsResolver.resolve(flags, Map.of(), null, dataDir.getParent());
    }
}
