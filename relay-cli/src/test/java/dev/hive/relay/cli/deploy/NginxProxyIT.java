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
 * deploy/nginx/hive-relay.conf in a real nginx (when one is installed): the file as shipped, with
 * only its ports moved to free loopback ones and a throw-away certificate, in front of the relay.
 * An event stream opened through it must deliver the nudge of a post made through it at once.
 */
class NginxProxyIT {

    @TempDir
    Path dir;

    @Test
    void shippedConfigProxiesTheApiAndStreamsEventsUnbuffered() throws Exception {
        assumeTrue(Repo.onPath("nginx") || Files.isExecutable(Path.of("/usr/sbin/nginx")), "nginx is not installed");
        assumeTrue(Repo.onPath("openssl") && Repo.onPath("curl"), "openssl and curl are needed");
        String nginx = Repo.onPath("nginx") ? "nginx" : "/usr/sbin/nginx";
        Map<String, String> env = Map.of("PATH", System.getenv("PATH") + ":/usr/sbin");
        int relayPort = Launched.freePort();
        int httpsPort = Launched.freePort();
        int httpPort = Launched.freePort();
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));

        Launched.Finished cert = Launched.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                        "-days", "1", "-subj", "/CN=relay.example.com"), env, dir, logs, "openssl",
                Duration.ofSeconds(60));
        assertEquals(0, cert.exitCode(), cert.describe());
        String site = Repo.read("deploy/nginx/hive-relay.conf")
                .replace("/etc/letsencrypt/live/relay.example.com/fullchain.pem", dir.resolve("cert.pem").toString())
                .replace("/etc/letsencrypt/live/relay.example.com/privkey.pem", dir.resolve("key.pem").toString())
                .replace("listen 80;", "listen 127.0.0.1:" + httpPort + ";").replace("listen [::]:80;", "")
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + httpsPort + " ssl;").replace("listen [::]:443 ssl;", "")
                .replace("server 127.0.0.1:8443;", "server 127.0.0.1:" + relayPort + ";");
        Files.writeString(dir.resolve("site.conf"), site);
        String tmp = dir.resolve("tmp").toString();
        Files.writeString(dir.resolve("nginx.conf"), """
                pid %s/nginx.pid;
                error_log %s/logs/error.log;
                events {}
                http {
                  access_log off;
                  client_body_temp_path %s; proxy_temp_path %s; fastcgi_temp_path %s; uwsgi_temp_path %s;
                  scgi_temp_path %s;
                  include %s/site.conf;
                }
                """.formatted(dir, dir, tmp, tmp, tmp, tmp, tmp, dir));
        List<String> nginxCommand = List.of(nginx, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString());

        Launched.Finished syntax = Launched.run(concat(nginxCommand, "-t"), env, dir, logs, "nginx-t",
                Duration.ofSeconds(30));
        assertEquals(0, syntax.exitCode(), "nginx -t: " + syntax.describe());

        Map<String, String> relayEnv = new java.util.LinkedHashMap<>(Map.of("PATH", System.getenv("PATH"),
                "HIVE_RELAY_ADDR", "127.0.0.1:" + relayPort,
                "HIVE_RELAY_ADMIN_ADDR", "127.0.0.1:" + Launched.freePort(),
                "HIVE_RELAY_TRUSTED_PROXIES", "127.0.0.1", "HIVE_RELAY_STORE", "memory",
                "HIVE_RELAY_DATA_DIR", dir.resolve("data").toString()));
        try (Launched relay = Launched.start(List.of(Repo.javaHome().resolve("bin/java").toString(), "-jar",
                Repo.jar().toString(), "serve"), relayEnv, dir, logs, "relay");
             Launched proxy = Launched.start(concat(nginxCommand, "-g", "daemon off;"), env, dir, logs, "nginx")) {
            relay.awaitHealthy(relayPort, Duration.ofSeconds(90));
            String base = "https://127.0.0.1:" + httpsPort;
            assertEquals("ok", curl(env, logs, "health", base + "/v1/health"));
            try (Launched stream = Launched.start(List.of("curl", "-skN", "--max-time", "30",
                    base + "/v1/workspaces/through-nginx/events"), env, dir, logs, "events")) {
                awaitOutput(stream, ": connected", Duration.ofSeconds(10));
                String posted = curl(env, logs, "post", "-X", "POST", "-H", "Content-Type: application/json",
                        "-d", "{\"ciphertext\":[1],\"nonce\":[0],\"version\":1}",
                        base + "/v1/workspaces/through-nginx/envelopes");
                assertTrue(posted.matches("\\{\"seq\":\\d+}"), posted);
                // Unbuffered: the nudge for this post arrives while the stream stays open.
                awaitOutput(stream, "data: " + posted, Duration.ofSeconds(3));
            }
            assertTrue(curl(env, logs, "pull", base + "/v1/workspaces/through-nginx/envelopes?after=0")
                    .contains("\"body\":{\"ciphertext\":[1],\"nonce\":[0],\"version\":1}"));
            assertEquals("301", curl(env, logs, "redirect", "-o", "/dev/null", "-w", "%{http_code}",
                    "http://127.0.0.1:" + httpPort + "/v1/health"));
        }
    }

    private String curl(Map<String, String> env, Path logs, String name, String... args) {
        Launched.Finished result = Launched.run(concat(List.of("curl", "-sk"), args), env, dir, logs, "curl-" + name,
                Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result.describe());
        return result.stdout();
    }

    private static void awaitOutput(Launched process, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.stdout().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' within " + timeout + "\n" + process.tails());
            }
            Thread.sleep(20);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
