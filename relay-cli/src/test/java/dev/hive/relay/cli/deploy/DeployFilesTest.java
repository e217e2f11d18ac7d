package dev.hive.relay.cli.deploy;

import dev.hive.relay.config.Setting;
import dev.hive.relay.config.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deploy recipes say what the relay needs: checked here without Docker, systemd or a PaaS
 * (the integration tests run the scripts and the unit's command line for real).
 */
class DeployFilesTest {

    private static final Duration SHUTDOWN_GRACE = Units.parseDuration(Setting.SHUTDOWN_GRACE.defaultValue());
    private static final List<String> SCRIPTS = List.of("deploy/bin/hive-relay", "deploy/bin/build-aot-cache",
            "deploy/container/entrypoint.sh", "deploy/systemd/install.sh");

    @Test
    void unitRunsTheRelayAsTheProductPageSaysHardened() {
        DeployFiles.Unit unit = DeployFiles.unit();
        assertEquals("/usr/local/bin/hive-relay serve", unit.service("ExecStart"));
        assertEquals("0.0.0.0:8443", unit.environment().get("HIVE_RELAY_ADDR"));
        assertEquals("hive", unit.service("User"));
        assertEquals("hive", unit.service("Group"));
        assertEquals("hive-relay", unit.service("StateDirectory"));
        assertEquals("on-failure", unit.service("Restart"));
        assertEquals("SIGTERM", unit.service("KillSignal"));
        assertEquals("network-online.target", unit.last("Unit", "After").orElseThrow());
        assertEquals("multi-user.target", unit.last("Install", "WantedBy").orElseThrow());
        Map<String, String> hardening = Map.ofEntries(
                Map.entry("NoNewPrivileges", "yes"), Map.entry("ProtectSystem", "strict"),
                Map.entry("ProtectHome", "yes"), Map.entry("PrivateTmp", "yes"), Map.entry("PrivateDevices", "yes"),
                Map.entry("ProtectKernelTunables", "yes"), Map.entry("ProtectKernelModules", "yes"),
                Map.entry("ProtectControlGroups", "yes"),
                Map.entry("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"),
                Map.entry("LockPersonality", "yes"), Map.entry("RestrictRealtime", "yes"),
                Map.entry("SystemCallArchitectures", "native"), Map.entry("CapabilityBoundingSet", ""));
        hardening.forEach((key, value) -> assertEquals(value, unit.service(key), key));
        // The JIT writes code and then runs it: MemoryDenyWriteExecute=yes would stop the JVM.
        assertTrue(unit.last("Service", "MemoryDenyWriteExecute").isEmpty(), "MemoryDenyWriteExecute breaks the JIT");
        assertTrue(Repo.read(DeployFiles.UNIT).contains("Not MemoryDenyWriteExecute=yes"),
                "the unit says why MemoryDenyWriteExecute is absent");
        Duration stop = Units.parseDuration(unit.service("TimeoutStopSec"));
        assertTrue(stop.compareTo(SHUTDOWN_GRACE.plusSeconds(5)) >= 0,
                "TimeoutStopSec " + stop + " must leave room above the shutdown grace " + SHUTDOWN_GRACE);
    }

    @Test
    void systemdAnalyzeAcceptsTheUnit(@TempDir Path dir) throws Exception {
        assumeTrue(Repo.onPath("systemd-analyze"), "systemd-analyze is not installed");
        // verify checks that ExecStart exists: point it at the wrapper that install.sh puts there.
        String unit = Repo.read(DeployFiles.UNIT).replace("ExecStart=/usr/local/bin/hive-relay",
                "ExecStart=" + Repo.file("deploy/bin/hive-relay"));
        Path file = dir.resolve("hive-relay.service");
        Files.writeString(file, unit);
        Launched.Finished result = Launched.run(List.of("systemd-analyze", "verify", "--man=no", file.toString()),
                Map.of("PATH", System.getenv("PATH"), "SYSTEMD_LOG_COLOR", "0"), dir, dir.resolve("logs"),
                "systemd-analyze", Duration.ofSeconds(60));
        List<String> aboutUs = new ArrayList<>();
        for (String line : (result.stdout() + "\n" + result.stderr()).split("\n")) {
            if (line.contains("hive-relay")) {
                aboutUs.add(line);
            }
        }
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(List.of(), aboutUs, "systemd-analyze verify complains about the unit");
    }

    @Test
    void dockerfileBuildsOnJdk25AndRunsOnTheJre25AsHive() {
        List<String> from = DeployFiles.dockerfile("FROM");
        assertEquals(List.of("eclipse-temurin:25-jdk AS build", "eclipse-temurin:25-jre"), from);
        assertTrue(DeployFiles.dockerfile("ARG").contains("HIVE_RELAY_RUN_AS=hive"), "runs as hive by default");
        assertEquals(List.of("${HIVE_RELAY_RUN_AS}"), DeployFiles.dockerfile("USER"));
        assertEquals(List.of("8443"), DeployFiles.dockerfile("EXPOSE"));
        assertEquals(List.of("/data"), DeployFiles.dockerfile("VOLUME"));
        Map<String, String> env = DeployFiles.dockerEnv();
        assertEquals("/data", env.get("HIVE_RELAY_DATA_DIR"));
        assertEquals("/app", env.get("HIVE_RELAY_HOME"));
        assertTrue(env.get("HIVE_RELAY_JAVA_OPTS").contains("-XX:+UseSerialGC"), env.toString());
        assertTrue(env.get("HIVE_RELAY_JAVA_OPTS").matches(".*-Xmx\\d+m.*"), "a modest fixed heap");
        assertFalse(env.containsKey("PORT") || env.containsKey("HIVE_RELAY_ADDR"),
                "the image leaves the address to the relay: $PORT, else 0.0.0.0:8443");
        assertTrue(DeployFiles.healthcheckCommand().startsWith("hive-relay health"), DeployFiles.healthcheckCommand());
        assertEquals(List.of("[\"/usr/local/bin/docker-entrypoint.sh\"]"), DeployFiles.dockerfile("ENTRYPOINT"));
        assertEquals(List.of("[\"serve\"]"), DeployFiles.dockerfile("CMD"));
        assertEquals(List.of("SIGTERM"), DeployFiles.dockerfile("STOPSIGNAL"));
        List<String> runs = DeployFiles.dockerfile("RUN");
        assertTrue(runs.stream().anyMatch(r -> r.contains("./mvnw -B") && r.contains("package")), runs.toString());
        assertTrue(runs.contains("build-aot-cache"), "the AOT cache is recorded at build time: " + runs);
        int jarCopied = indexOf(DeployFiles.dockerfile(), "COPY", "/app/hive-relay.jar");
        int cacheBuilt = indexOf(DeployFiles.dockerfile(), "RUN", "build-aot-cache");
        int envSet = indexOf(DeployFiles.dockerfile(), "ENV", "HIVE_RELAY_JAVA_OPTS");
        assertTrue(jarCopied < cacheBuilt && envSet < cacheBuilt,
                "the training run uses the final jar and JVM options (the cache only serves those)");
    }

    @Test
    void everythingTheDockerfileCopiesIsInTheBuildContext() throws IOException {
        List<String> ignored = Repo.read(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String copy : DeployFiles.dockerfile("COPY")) {
            if (copy.contains("--from=")) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(copy.split(" ")));
            words.removeIf(w -> w.startsWith("--"));
            for (String source : words.subList(0, words.size() - 1)) {
                if (source.equals(".")) {
                    continue;
                }
                Path path = Repo.file(source);
                assertTrue(Files.exists(path), "COPY source " + source + " is missing");
                for (String pattern : ignored) {
                    String p = pattern.replace("**/", "").replaceAll("/$", "");
                    assertFalse(source.equals(p) || source.startsWith(p + "/"),
                            source + " is excluded by .dockerignore (" + pattern + ")");
                }
            }
        }
        for (String needed : List.of(".mvn/", "mvnw", "pom.xml", "relay-server/", "relay-cli/", "relay-tui/")) {
            assertFalse(ignored.contains(needed) || ignored.contains(needed.replace("/", "")),
                    "the build needs " + needed);
        }
        assertTrue(ignored.contains("**/target/"), "build output stays out of the context");
        assertTrue(ignored.contains(".git"), "the repository history stays out of the context");
    }

    @Test
    void scriptsAreExecutableAndParse() throws Exception {
        for (String script : SCRIPTS) {
            Path path = Repo.file(script);
            assertTrue(Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE),
                    script + " is not executable");
            String shebang = Files.readAllLines(path).getFirst();
            String shell = shebang.equals("#!/bin/sh") ? "sh" : "bash";
            assertTrue(shebang.equals("#!/bin/sh") || shebang.equals("#!/usr/bin/env bash"), script + ": " + shebang);
            Launched.Finished result = Launched.run(List.of(shell, "-n", path.toString()),
                    Map.of("PATH", System.getenv("PATH")), Repo.root(), Files.createTempDirectory("sh-n"),
                    "sh-n", Duration.ofSeconds(30));
            assertEquals(0, result.exitCode(), script + ": " + result.describe());
        }
    }

    @Test
    void shellcheckFindsNothing() throws Exception {
        assumeTrue(Repo.onPath("shellcheck"), "shellcheck is not installed");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=warning"));
        SCRIPTS.forEach(s -> command.add(Repo.file(s).toString()));
        Launched.Finished result = Launched.run(command, Map.of("PATH", System.getenv("PATH")), Repo.root(),
                Files.createTempDirectory("shellcheck"), "shellcheck", Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.describe());
    }

    @Test
    void flyRunsOneMachineWithAVolumeAndStopsGracefully() {
        Map<String, String> fly = DeployFiles.toml("deploy/fly.toml");
        assertEquals("SIGTERM", fly.get("kill_signal"));
        assertTrue(Integer.parseInt(fly.get("kill_timeout")) > SHUTDOWN_GRACE.toSeconds(), "kill_timeout " + fly);
        assertEquals("/data", fly.get("mounts.destination"));
        assertEquals("/data", fly.get("env.HIVE_RELAY_DATA_DIR"));
        assertEquals("8443", fly.get("http_service.internal_port"));
        assertEquals("true", fly.get("http_service.force_https"));
        assertEquals("/v1/health", fly.get("http_service.checks.path"));
        assertEquals("GET", fly.get("http_service.checks.method"));
        assertEquals("root", fly.get("build.args.HIVE_RELAY_RUN_AS"), "Fly volumes are root-owned");
        assertTrue(Integer.parseInt(fly.get("http_service.concurrency.hard_limit"))
                        < Integer.parseInt(Setting.MAX_SSE.defaultValue()),
                "Fly's proxy refuses before the relay's stream cap does");
    }

    @Test
    void renderRunsOneInstanceWithADiskAndStopsGracefully() {
        String render = Repo.read("deploy/render.yaml");
        assertTrue(render.contains("runtime: docker"), render);
        assertTrue(render.contains("dockerfilePath: ./deploy/Dockerfile"));
        assertTrue(Files.isRegularFile(Repo.file("deploy/Dockerfile")));
        assertTrue(render.contains("numInstances: 1"));
        assertTrue(render.contains("healthCheckPath: /v1/health"));
        assertTrue(render.contains("mountPath: /data"));
        Matcher delay = Pattern.compile("maxShutdownDelaySeconds: (\\d+)").matcher(render);
        assertTrue(delay.find(), "render.yaml sets maxShutdownDelaySeconds");
        assertTrue(Integer.parseInt(delay.group(1)) > SHUTDOWN_GRACE.toSeconds());
        assertFalse(render.contains("key: PORT"), "Render sets PORT itself");
    }

    @Test
    void caddyfileIsTheTwoLinesFromTheProductPage() {
        List<String> lines = Repo.read("deploy/Caddyfile").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(List.of("relay.example.com {", "reverse_proxy 127.0.0.1:8443", "}"), lines);
    }

    @Test
    void nginxDoesNotBufferTheEventStreams() {
        String nginx = Repo.read("deploy/nginx/hive-relay.conf");
        for (String directive : List.of("proxy_buffering off;", "proxy_http_version 1.1;",
                "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", "server 127.0.0.1:8443;")) {
            assertTrue(nginx.contains(directive), "nginx config lacks " + directive);
        }
        Matcher timeout = Pattern.compile("proxy_read_timeout (\\d+)([smh]);").matcher(nginx);
        assertTrue(timeout.find(), "proxy_read_timeout is set");
        long seconds = Long.parseLong(timeout.group(1)) * switch (timeout.group(2)) {
            case "h" -> 3600;
            case "m" -> 60;
            default -> 1;
        };
        long keepAlive = Units.parseDuration(Setting.SSE_KEEPALIVE.defaultValue()).toSeconds();
        assertTrue(seconds >= 4 * keepAlive, "proxy_read_timeout " + seconds + " s is not well above " + keepAlive);
        assertTrue(nginx.contains("HIVE_RELAY_TRUSTED_PROXIES=127.0.0.1"), "says to trust the proxy");
        long maxBody = Units.parseSize(Setting.MAX_BODY_BYTES.defaultValue());
        Matcher body = Pattern.compile("client_max_body_size (\\d+)m;").matcher(nginx);
        assertTrue(body.find() && Long.parseLong(body.group(1)) * 1024 * 1024 > maxBody,
                "nginx lets bodies up to the relay's own cap through");
    }

    private static int indexOf(List<DeployFiles.Instruction> instructions, String keyword, String containing) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword) && instructions.get(i).arguments().contains(containing)) {
                return i;
            }
        }
        fail("no " + keyword + " with " + containing);
        return -1;
    }
}
