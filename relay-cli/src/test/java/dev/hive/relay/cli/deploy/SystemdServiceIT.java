package dev.hive.relay.cli.deploy;

import dev.hive.relay.config.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/systemd/install.sh lays the relay out (under a scratch DESTDIR), then the service is
 * started the way systemd starts the unit it installed: ExecStart's command line, the unit's
 * Environment= and EnvironmentFile=, $STATE_DIRECTORY for StateDirectory=, systemd's PATH and no
 * JAVA_HOME (the wrapper must find the runtime install.sh linked), as the service user; then
 * SIGTERM, as 'systemctl stop' sends, must end it with 0 well within TimeoutStopSec.
 *
 * <p>Differences from systemd, all for sharing this machine with other builds: the paths live
 * under DESTDIR (HIVE_RELAY_HOME says where the jar is), and the unit's HIVE_RELAY_ADDR
 * 0.0.0.0:8443 and the default admin port become free loopback ports.
 */
class SystemdServiceIT {

    /** systemd's default PATH for services. */
    private static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin";

    @TempDir
    Path dest;

    @Test
    void installedUnitStartsServesAndStopsCleanly() throws Exception {
        Layout.openUp(dest);
        Map<String, String> installEnv = Map.of("PATH", System.getenv("PATH"), "JAVA_HOME",
                Repo.javaHome().toString(), "DESTDIR", dest.toString());
        Launched.Finished install = Launched.run(List.of(Repo.file("deploy/systemd/install.sh").toString(),
                        "--jar", Repo.jar().toString(), "--no-aot"), installEnv, Repo.root(), dest.resolve("logs"),
                "install", Duration.ofSeconds(120));
        assertEquals(0, install.exitCode(), install.describe());
        Path opt = dest.resolve("opt/hive-relay");
        assertTrue(Files.isRegularFile(opt.resolve("hive-relay.jar")));
        assertTrue(Files.isExecutable(opt.resolve("jre/bin/java")), "install.sh links the Java runtime");
        assertTrue(Files.isExecutable(dest.resolve("usr/local/bin/hive-relay")));
        assertEquals(Repo.read(DeployFiles.UNIT),
                Files.readString(dest.resolve("etc/systemd/system/hive-relay.service")));

        DeployFiles.Unit unit = DeployFiles.Unit.parse(Files.readString(
                dest.resolve("etc/systemd/system/hive-relay.service")));
        List<String> command = new ArrayList<>(Arrays.asList(unit.service("ExecStart").split("\\s+")));
        command.set(0, dest + command.getFirst());

        Path state = dest.resolve("var/lib").resolve(unit.service("StateDirectory"));
        Files.createDirectories(state);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        Layout.openUp(dest.resolve("var"));
        Layout.openUp(dest.resolve("var/lib"));
        Layout.giveToServiceUser(state);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", SYSTEMD_PATH);
        env.put("LANG", "C.UTF-8");
        env.putAll(unit.environment());
        String environmentFile = unit.service("EnvironmentFile");
        assertEquals("-/etc/hive-relay/env", environmentFile, "an optional settings file");
        env.putAll(readEnvironmentFile(dest.resolve(environmentFile.substring(2))));
        env.put("STATE_DIRECTORY", state.toString());
        env.put("HOME", state.toString());
        assertEquals("0.0.0.0:8443", env.get("HIVE_RELAY_ADDR"));
        int port = Launched.freePort();
        env.put("HIVE_RELAY_ADDR", "127.0.0.1:" + port);
        env.put("HIVE_RELAY_ADMIN_ADDR", "127.0.0.1:" + Launched.freePort());
        env.put("HIVE_RELAY_HOME", opt.toString());

        Duration stopTimeout = Units.parseDuration(unit.service("TimeoutStopSec"));
        try (Launched relay = Launched.start(Layout.asServiceUser(command), env, Path.of("/"), dest.resolve("logs"),
                "service")) {
            relay.awaitHealthy(port, Duration.ofSeconds(90));
            // With no data directory configured, the relay keeps its data in $STATE_DIRECTORY.
            assertTrue(Files.isRegularFile(state.resolve("relay.db")), "the store is in " + state);
            assertTrue(Files.isRegularFile(state.resolve("admin.secret")));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(state.resolve("admin.secret"))));
            assertTrue(relay.stderr().contains("gate: open"), relay.tails());

            // The console, as the operator runs it on the host: same settings, so no arguments.
            Launched.Finished status = Launched.run(Layout.asServiceUser(List.of(
                            dest.resolve("usr/local/bin/hive-relay").toString(), "health", "--help")), env, Path.of("/"),
                    dest.resolve("logs"), "health-help", Duration.ofSeconds(60));
            if (status.isHelpOf("health")) {
                Launched.Finished health = Launched.run(Layout.asServiceUser(List.of(
                                dest.resolve("usr/local/bin/hive-relay").toString(), "health")), env, Path.of("/"),
                        dest.resolve("logs"), "health", Duration.ofSeconds(60));
                assertEquals(0, health.exitCode(), "hive-relay health: " + health.describe());
            }

            long started = System.nanoTime();
            assertEquals(0, relay.terminate(stopTimeout), relay.tails());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(stopTimeout) < 0, "stopped in " + took);
            assertTrue(relay.stderr().contains("stopped"), relay.tails());
        }
    }

    /** systemd's EnvironmentFile=: VAR=value lines; # and ; start comments. */
    private static Map<String, String> readEnvironmentFile(Path file) throws java.io.IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            int eq = l.indexOf('=');
            env.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return env;
    }
}
