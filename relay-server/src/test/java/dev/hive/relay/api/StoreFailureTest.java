package dev.hive.relay.api;

import dev.hive.relay.Reply;
import dev.hive.relay.TestRelay;
import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.gate.AccessGate;
import dev.hive.relay.gate.TokenRegistry;
import dev.hive.relay.server.RelayServer;
import dev.hive.relay.server.RequestLog;
import dev.hive.relay.server.StartupReport;
import dev.hive.relay.stats.StoreInfo;
import dev.hive.relay.store.Journal;
import dev.hive.relay.store.RoomRegistry;
import dev.hive.relay.store.StoreException;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay over a store that can stop working: health says so with 503, and nothing the
 * store refused is acknowledged or served.
 */
class StoreFailureTest {

    /** A journal that keeps nothing and, while broken, refuses every write. */
    private static final class BreakableJournal implements Journal {
        volatile String problem;

        private CompletableFuture<Void> write() {
            String reason = problem;
            return reason == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new StoreException(reason));
        }

        @Override
        public CompletableFuture<Void> appendEnvelope(String room, long seq, long receivedAtMillis, String dedupKey,
                                                      byte[] body) {
            return write();
        }

        @Override
        public CompletableFuture<Void> appendKeyring(String room, byte[] blob) {
            return write();
        }

        @Override
        public CompletableFuture<Void> putDeviceRecord(String room, DeviceRecordKind kind, String deviceId,
                                                       byte[] data, long seenAtMillis) {
            return write();
        }

        @Override
        public void prune(String room, long upToSeq) {
        }

        @Override
        public void load(JournalLoader loader) {
        }

        @Override
        public Optional<String> problem() {
            return Optional.ofNullable(problem);
        }

        @Override
        public StoreInfo info() {
            return new StoreInfo("breakable", "", 0, 0, 0, 0);
        }

        @Override
        public void close() {
        }
    }

    private final BreakableJournal journal = new BreakableJournal();
    private RelayServer server;
    private HttpClient client;

    @BeforeEach
    void start(@TempDir Path dataDir) {
        RelaySettings settings = RelaySettings.builderForTests(dataDir).build();
        TokenRegistry tokens = TokenRegistry.open(dataDir, List.of(), System::currentTimeMillis);
        server = new RelayServer(settings, journal, new RoomRegistry(journal, 0), tokens,
                AccessGate.create(null, tokens, () -> System.currentTimeMillis() / 1000),
                new RequestLog(new PrintStream(OutputStream.nullOutputStream()), true),
                new StartupReport("breakable", 0, 0, 0)).start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        client.shutdownNow();
        server.close();
    }

    private Reply send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers().map(), response.body());
    }

    @Test
    void healthIs503WithTheReasonWhileTheStoreIsUnusable() throws Exception {
        assertEquals("ok", send("GET", "/v1/health", null).text());

        journal.problem = "disk full";
        Reply health = send("GET", "/v1/health", null);
        assertEquals(503, health.status());
        assertEquals("text/plain", health.mediaType());
        assertTrue(health.text().contains("disk full"), health.text());

        journal.problem = null;
        assertEquals(200, send("GET", "/v1/health", null).status());
    }

    @Test
    void anEnvelopeTheStoreRefusedIsNeitherAcknowledgedNorServedNorNudged() throws Exception {
        assertEquals("{\"seq\":1}", send("POST", "/v1/workspaces/r/envelopes", "{\"n\":1}").text());
        journal.problem = "disk full";

        Reply refused = send("POST", "/v1/workspaces/r/envelopes", "{\"n\":2}");
        assertEquals(503, refused.status(), refused::toString);
        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}}]", send("GET", "/v1/workspaces/r/envelopes", null).text());

        journal.problem = null;
        // The retry is accepted: the refused post left no dedup key behind. Its number is not reused.
        Reply retried = send("POST", "/v1/workspaces/r/envelopes", "{\"n\":2}");
        assertEquals(200, retried.status());
        long seq = TestRelay.seqOf(retried);
        assertTrue(seq >= 2, "seq " + seq);
        assertEquals("[{\"seq\":" + seq + ",\"body\":{\"n\":2}}]",
                send("GET", "/v1/workspaces/r/envelopes?after=1", null).text());
    }

    @Test
    void aKeyringBlobTheStoreRefusedIsNotServed() throws Exception {
        assertEquals("{\"ok\":true}", send("POST", "/v1/workspaces/r/keyring", "{\"version\":1}").text());
        journal.problem = "disk full";

        assertEquals(503, send("POST", "/v1/workspaces/r/keyring", "{\"version\":2}").status());
        assertEquals("[{\"version\":1}]", send("GET", "/v1/workspaces/r/keyring", null).text());

        journal.problem = null;
        assertEquals(200, send("POST", "/v1/workspaces/r/keyring", "{\"version\":2}").status());
        assertEquals("[{\"version\":1},{\"version\":2}]", send("GET", "/v1/workspaces/r/keyring", null).text());
    }
}
