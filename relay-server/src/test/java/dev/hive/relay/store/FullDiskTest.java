package dev.hive.relay.store;

import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.server.RelayServer;
import dev.hive.relay.server.RequestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A data directory on a real, small file system that fills up: the relay must answer 503 with
 * the reason on health and posts, never a 200 for an envelope it could not store, and recover
 * once space is freed. Needs root to mount a tmpfs; skipped elsewhere.
 */
class FullDiskTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private Path mount;
    private RelayServer relay;

    @TempDir
    Path temp;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = Files.createDirectories(temp.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString()) == 0,
                "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception {
        if (relay != null) {
            relay.close();
        }
        run("umount", "-l", mount.toString());
    }

    @Test
    void aFullDiskTurnsHealthAndPostsTo503AndRecovers() throws Exception {
        RelaySettings.Builder settings = RelaySettings.builderForTests(mount.resolve("data"));
        settings.pushRate = 0;
        relay = RelayServer.create(settings.build(), new RequestLog(new PrintStream(OutputStream.nullOutputStream()),
                true)).start();
        assertEquals(200, post("{\"before\":true}").statusCode());

        Path filler = mount.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[64 * 1024];
            while (true) {
                out.write(block);
            }
        } catch (IOException expected) {
            // the disk is full now
        }
        String big = "{\"pad\":\"" + "x".repeat(200_000) + "\"}";
        HttpResponse<String> refused = post(big);
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().startsWith("store unavailable: "), refused.body());
        HttpResponse<String> health = get("/v1/health");
        assertEquals(503, health.statusCode());
        assertTrue(health.body().contains("full"), health.body());
        assertEquals("[{\"seq\":1,\"body\":{\"before\":true}}]", get("/v1/workspaces/r/envelopes").body(),
                "the refused envelope is not served");

        Files.delete(filler);
        HttpResponse<String> accepted = post("{\"after\":true}");
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals(200, get("/v1/health").statusCode());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri("/v1/workspaces/r/envelopes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + relay.port() + path);
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(20, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
