package dev.hive.relay.cli.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The container's start, without Docker: deploy/container/entrypoint.sh runs with the image's
 * files under a scratch root and the image's ENV (from the Dockerfile), as root dropping to the
 * service user when the tests run as root, just as 'docker run' would start it; then the
 * Dockerfile's HEALTHCHECK command runs against it, and SIGTERM ('docker stop') must end it with 0.
 *
 * <p>Differences from a real container, all for sharing this machine with other builds: the admin
 * listener gets a free loopback port instead of 8444, and the public one a free port instead of 8443.
 */
class ContainerEntrypointIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void listensOnPortWhenThePlatformSetsIt() throws Exception {
        Layout.image(root);
        int port = Launched.freePort();
        Map<String, String> env = Layout.imageEnvironment(root);
        env.put("PORT", String.valueOf(port));
        env.put("HIVE_RELAY_ADMIN_ADDR", "127.0.0.1:" + Launched.freePort());
        try (Launched relay = entrypoint(env, List.of(), "port")) {
            relay.awaitHealthy(port, START);
            relay.awaitStderr("listening on http://0.0.0.0:" + port, Duration.ofSeconds(10));
            assertDataDirectoryUsed(env);
            assertEquals(0, relay.terminate(STOP), relay.tails());
            assertTrue(relay.stderr().contains("stopped"), relay.tails());
        }
    }

    @Test
    void listensOnHiveRelayAddrAndPassesFlagsToServe() throws Exception {
        Layout.image(root);
        int port = Launched.freePort();
        Map<String, String> env = Layout.imageEnvironment(root);
        env.put("HIVE_RELAY_ADDR", "127.0.0.1:" + port);
        env.put("HIVE_RELAY_ADMIN_ADDR", "127.0.0.1:" + Launched.freePort());
        // 'docker run hive-relay --max-sse 7': arguments that start with a dash go to serve.
        try (Launched relay = entrypoint(env, List.of("--max-sse", "7"), "addr")) {
            relay.awaitHealthy(port, START);
            relay.awaitStderr("listening on http://127.0.0.1:" + port, Duration.ofSeconds(10));
            assertTrue(relay.stderr().lines().anyMatch(l -> l.matches("\\s*max-sse\\s+7\\s+flag")), relay.tails());
            assertEquals(0, relay.terminate(STOP), relay.tails());
        }
    }

    @Test
    void dockerfileHealthcheckPassesOnAHealthyRelay() throws Exception {
        Layout.image(root);
        Map<String, String> env = Layout.imageEnvironment(root);
        // The HEALTHCHECK goes through 'hive-relay health'; until this build has that command there
        // is nothing to run (and only then is this skipped).
        Launched.Finished help = Launched.run(Layout.asServiceUser(List.of(bin("hive-relay"), "health", "--help")), env,
                root, root.resolve("logs"), "health-help", Duration.ofSeconds(60));
        assumeTrue(help.isHelpOf("health"), "this build has no 'hive-relay health' command yet");

        int port = Launched.freePort();
        env.put("HIVE_RELAY_ADDR", "127.0.0.1:" + port);
        env.put("HIVE_RELAY_ADMIN_ADDR", "127.0.0.1:" + Launched.freePort());
        try (Launched relay = entrypoint(env, List.of(), "healthcheck")) {
            relay.awaitHealthy(port, START);
            // Docker runs the shell form with /bin/sh -c, as the image's USER, with the image's ENV.
            String check = DeployFiles.healthcheckCommand();
            Launched.Finished result = Launched.run(Layout.asServiceUser(List.of("/bin/sh", "-c", check)), env, root,
                    root.resolve("logs"), "healthcheck", Duration.ofSeconds(30));
            assertEquals(0, result.exitCode(), "HEALTHCHECK " + check + ": " + result.describe());
            assertEquals(0, relay.terminate(STOP), relay.tails());
        }
        // And once the relay is gone, the same check reports the container unhealthy (1).
        String check = DeployFiles.healthcheckCommand();
        Launched.Finished down = Launched.run(Layout.asServiceUser(List.of("/bin/sh", "-c", check)), env, root,
                root.resolve("logs"), "healthcheck-down", Duration.ofSeconds(60));
        assertEquals(1, down.exitCode(), "HEALTHCHECK with the relay stopped: " + down.describe());
    }

    @Test
    void refusesAnUnwritableDataDirectoryWithTheFix() throws Exception {
        Layout.image(root);
        Map<String, String> env = Layout.imageEnvironment(root);
        Path data = Path.of(env.get("HIVE_RELAY_DATA_DIR"));
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        // As the image's user (not root): the entry point cannot fix the volume, so it says how.
        Launched.Finished result = Launched.run(
                Layout.asServiceUser(List.of(root.resolve("usr/local/bin/docker-entrypoint.sh").toString())), env,
                root, root.resolve("logs"), "unwritable", Duration.ofSeconds(60));
        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("is not writable") && result.stderr().contains("HIVE_RELAY_RUN_AS=root"),
                result.describe());
    }

    private Launched entrypoint(Map<String, String> env, List<String> args, String name) {
        List<String> command = new java.util.ArrayList<>();
        command.add(root.resolve("usr/local/bin/docker-entrypoint.sh").toString());
        command.addAll(args);
        return Launched.start(command, env, root, root.resolve("logs"), name);
    }

    private static void assertDataDirectoryUsed(Map<String, String> env) {
        Path data = Path.of(env.get("HIVE_RELAY_DATA_DIR"));
        assertTrue(Files.isRegularFile(data.resolve("relay.db")), "the store is in " + data);
        assertTrue(Files.isRegularFile(data.resolve("admin.secret")), "the admin secret is in " + data);
    }

    /** A program the image puts in /usr/local/bin (absolute: a child's PATH does not steer Java's lookup). */
    private String bin(String name) {
        return root.resolve("usr/local/bin").resolve(name).toString();
    }
}
