package dev.hive.relay.cli.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The image's 'RUN build-aot-cache' step, outside Docker: the training run records
 * /app/hive-relay.aot, the wrapper then starts the relay with it (-XX:AOTMode=on refuses to start
 * without a usable cache), its warnings stay off stdout, and a cache that no longer matches the
 * jar is ignored rather than fatal.
 */
class AotCacheIT {

    @TempDir
    static Path root;

    private static Map<String, String> env;
    private static Path cache;

    @BeforeAll
    static void recordTheCache() {
        assumeTrue(Repo.javaFeatureVersion() >= 25, "the AOT cache needs JDK 25; this is "
                + Repo.javaFeatureVersion());
        Layout.image(root);
        env = Layout.imageEnvironment(root);
        env.remove("HIVE_RELAY_USER");
        cache = root.resolve("app/hive-relay.aot");
        // As the Dockerfile runs it: RUN build-aot-cache, as root, with the image's ENV.
        Launched.Finished build = Launched.run(List.of(bin("build-aot-cache")), env, root, root.resolve("logs"),
                "build-aot-cache", Duration.ofSeconds(240));
        assertEquals(0, build.exitCode(), build.describe());
        assertTrue(build.stdout().contains("wrote " + cache), build.describe());
    }

    @Test
    void relayStartsFromTheRecordedCache() throws Exception {
        assertTrue(Files.size(cache) > 1_000_000, "cache size " + Files.size(cache));
        int port = Launched.freePort();
        Map<String, String> run = new java.util.LinkedHashMap<>(env);
        run.put("HIVE_RELAY_ADDR", "127.0.0.1:" + port);
        run.put("HIVE_RELAY_ADMIN_ADDR", "127.0.0.1:" + Launched.freePort());
        // AOTMode=on: the JVM exits at once if it cannot use the cache.
        run.put("HIVE_RELAY_JAVA_OPTS", env.get("HIVE_RELAY_JAVA_OPTS") + " -XX:AOTMode=on -Xlog:aot=info:stderr");
        try (Launched relay = Launched.start(List.of(bin("hive-relay"), "serve"), run, root, root.resolve("logs"),
                "serve-aot")) {
            relay.awaitHealthy(port, Duration.ofSeconds(90));
            assertTrue(relay.stderr().contains("Opened AOT cache " + cache), relay.tails());
            assertEquals(0, relay.terminate(Duration.ofSeconds(30)), relay.tails());
        }
    }

    @Test
    void consoleCommandsUseItWithCleanOutput() {
        Map<String, String> run = new java.util.LinkedHashMap<>(env);
        run.put("HIVE_RELAY_CLI_JAVA_OPTS", "-XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1 -XX:AOTMode=on");
        Launched.Finished strict = Launched.run(List.of(bin("hive-relay"), "--version"), run, root, root.resolve("logs"),
                "version-strict", Duration.ofSeconds(60));
        assertEquals(0, strict.exitCode(), "the console's JVM options accept the cache: " + strict.describe());

        // As installed: stdout carries only what the command prints (scripts parse it).
        Launched.Finished plain = Launched.run(List.of(bin("hive-relay"), "--version"), env, root, root.resolve("logs"),
                "version", Duration.ofSeconds(60));
        assertEquals(0, plain.exitCode(), plain.describe());
        assertTrue(plain.stdout().matches("hive-relay \\S+\nJava \\S+\n"), plain.describe());
        assertEquals("", plain.stderr(), plain.describe());
    }

    @Test
    void aStaleCacheIsIgnoredNotFatal() throws Exception {
        // A jar replaced without a new cache (an upgrade by hand): a copy, so the others keep theirs.
        Path home = Files.createDirectories(root.resolve("stale"));
        Path jar = Files.copy(root.resolve("app/hive-relay.jar"), home.resolve("hive-relay.jar"));
        Files.copy(cache, home.resolve("hive-relay.aot"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        Map<String, String> stale = new java.util.LinkedHashMap<>(env);
        stale.put("HIVE_RELAY_HOME", home.toString());
        Launched.Finished plain = Launched.run(List.of(bin("hive-relay"), "--version"), stale, root, root.resolve("logs"),
                "version-stale", Duration.ofSeconds(60));
        assertEquals(0, plain.exitCode(), plain.describe());
        assertTrue(plain.stdout().matches("hive-relay \\S+\nJava \\S+\n"), plain.describe());
        assertEquals("", plain.stderr(), plain.describe());
    }

    /** A program the image puts in /usr/local/bin (absolute: a child's PATH does not steer Java's lookup). */
    private static String bin(String name) {
        return root.resolve("usr/local/bin").resolve(name).toString();
    }
}
