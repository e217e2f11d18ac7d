package dev.hive.relay.cli;

import dev.hive.relay.config.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupCommandTest {

    @TempDir
    Path tmp;

    @Test
    void copiesTheStoreWhileTheRelayRunsAndWrites() throws Exception {
        Path dir = tmp.resolve("data");
        Path copy = tmp.resolve("relay-backup.db");
        long postedBefore = 0;
        try (TestRelay relay = TestRelay.start(dir);
             ExecutorService writer = Executors.newSingleThreadExecutor()) {
            for (; postedBefore < 50; postedBefore++) {
                relay.post("/v1/workspaces/room-" + (postedBefore % 3) + "/envelopes", "{\"n\":" + postedBefore + "}",
                        null);
            }
            assertTrue(Files.exists(dir.resolve("relay.lock")), "the relay holds its lock");
            AtomicBoolean stop = new AtomicBoolean();
            Future<Integer> busy = writer.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    relay.post("/v1/workspaces/busy/envelopes", "{\"busy\":" + n++ + "}", null);
                }
                return n;
            });
            TestRelay.Result result = relay.cli("backup", copy.toString());
            stop.set(true);
            assertTrue(busy.get() > 0);
            assertEquals(0, result.exit(), result.toString());
            assertEquals("", result.err());
            assertTrue(result.out().startsWith("backed up " + dir.resolve("relay.db") + " to " + copy + " ("),
                    result.out());
            assertEquals(1, result.out().lines().count());
            assertTrue(relay.get("/v1/health", null).statusCode() == 200, "the relay carried on");

            TestRelay.Result again = relay.cli("backup", copy.toString());
            assertEquals(1, again.exit());
            assertEquals("hive-relay: cannot back up to " + copy + ": the file already exists (choose a new name)\n",
                    again.err());
        }
        // The copy is a working store: a relay started on it has the workspaces.
        Path restored = Files.createDirectories(tmp.resolve("restored"));
        Files.copy(copy, restored.resolve("relay.db"));
        try (TestRelay relay = TestRelay.start(restored)) {
            var totals = relay.server.stats().snapshot().totals();
            assertTrue(totals.workspaces() >= 3, "workspaces " + totals.workspaces());
            assertTrue(totals.queuedEvents() >= postedBefore, "queued " + totals.queuedEvents());
        }
    }

    @Test
    void noStoreIsAClearError() throws Exception {
        TestRelay.Result missing = TestRelay.run("backup", tmp.resolve("out.db").toString(), "--data-dir",
                tmp.resolve("nothing").toString());
        assertEquals(1, missing.exit());
        assertEquals("hive-relay: no store to back up: " + tmp.resolve("nothing/relay.db") + " does not exist; pass the "
                + "relay's --data-dir (or HIVE_RELAY_DATA_DIR) (" + tmp.resolve("nothing") + " does not exist)\n",
                missing.err());
        assertFalse(Files.exists(tmp.resolve("out.db")));

        try (TestRelay memory = TestRelay.start(tmp.resolve("memory"), b -> b.store = StoreKind.MEMORY)) {
            TestRelay.Result result = memory.cli("backup", tmp.resolve("out.db").toString());
            assertEquals(1, result.exit());
            assertEquals("hive-relay: the relay on " + memory.server.adminAddress() + " uses the memory store: it "
                    + "keeps nothing on disk to back up\n", result.err());
        }

        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            TestRelay.Result noDir = relay.cli("backup", tmp.resolve("no/such/dir/out.db").toString());
            assertEquals(1, noDir.exit());
            assertEquals("hive-relay: cannot back up to " + tmp.resolve("no/such/dir/out.db") + ": the directory "
                    + tmp.resolve("no/such/dir") + " does not exist; create it first\n", noDir.err());
            assertEquals(2, relay.cli("backup").exit(), "FILE is required");
        }
    }
}
