package dev.hive.relay.cli.bench;

import dev.hive.relay.json.JsonValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The raw HTTP/1.1 client against the real relay, and against canned answers for the odd cases. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BenchHttpClientTest {

    @TempDir
    static Path dir;
    private static TestRelay relay;

    @BeforeAll
    static void startRelay() {
        relay = TestRelay.start(dir);
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @Test
    void readsTheChunkedEventStreamLineByLine() throws IOException {
        HttpTarget target = HttpTarget.parse(relay.url(), null);
        try (HttpConnection stream = new HttpConnection(target, 10_000);
             HttpConnection poster = new HttpConnection(target, 10_000)) {
            assertEquals(200, stream.openStream("/v1/workspaces/client-sse/events"));
            assertTrue(stream.lastWasChunked());
            assertEquals(": connected", stream.readLine());
            assertEquals("", stream.readLine());
            assertEquals("data: {\"seq\":0}", stream.readLine());
            assertEquals("", stream.readLine());

            byte[] body = new SealedEnvelopes(200).next(new SplittableRandom(1));
            assertEquals(200, poster.postJson("/v1/workspaces/client-sse/envelopes", body, 0, body.length));
            assertEquals("data: {\"seq\":1}", stream.readLine());
            assertEquals(1, FanoutRun.nudgeSeq("data: {\"seq\":1}"));
        }
    }

    @Test
    void keepsOneConnectionAliveAndReturnsBodiesByteForByte() throws IOException {
        HttpTarget target = HttpTarget.parse(relay.url(), null);
        SealedEnvelopes envelopes = new SealedEnvelopes(600);
        SplittableRandom random = new SplittableRandom(2);
        byte[] first = envelopes.next(random);
        byte[] second = envelopes.next(random);
        try (HttpConnection conn = new HttpConnection(target, 10_000)) {
            assertEquals(200, conn.get("/v1/health"));
            assertEquals("ok", conn.bodyText());
            assertEquals(200, conn.postJson("/v1/workspaces/client-keep/envelopes", first, 0, first.length));
            assertEquals(1, EnvelopePages.seqOf(conn.body(), conn.bodyLength()));
            assertEquals(200, conn.postJson("/v1/workspaces/client-keep/envelopes", second, 0, second.length));
            assertEquals(2, EnvelopePages.seqOf(conn.body(), conn.bodyLength()));
            assertEquals(200, conn.get("/v1/workspaces/client-keep/envelopes?after=0"));
            String page = conn.bodyText();
            assertEquals("[{\"seq\":1,\"body\":" + new String(first, StandardCharsets.US_ASCII) + "},{\"seq\":2,\"body\":"
                    + new String(second, StandardCharsets.US_ASCII) + "}]", page);
            EnvelopePages pages = new EnvelopePages();
            pages.scan(conn.body(), conn.bodyLength());
            assertEquals(2, pages.count());
            assertEquals(2, pages.lastSeq());
            assertEquals(404, conn.get("/no/such/route"));
            assertEquals(200, conn.get("/v1/health"));
            assertEquals(1, conn.connects());
        }
    }

    @Test
    void decodesChunkExtensionsAndTrailersThenHonoursConnectionClose() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n[w]orld\"{}\r\n0\r\nX-Trailer: yes\r\n\r\n";
        String closing = "HTTP/1.1 200 OK\r\ncontent-length: 3\r\nCONNECTION: close\r\n\r\nbye";
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread fake = Thread.ofVirtual().start(() -> serve(server, chunked, closing));
            HttpTarget target = HttpTarget.parse("http://127.0.0.1:" + server.getLocalPort(), "secret-token");
            try (HttpConnection conn = new HttpConnection(target, 10_000)) {
                assertEquals(200, conn.get("/one"));
                assertTrue(conn.lastWasChunked());
                assertEquals("hello [w]orld\"{}", conn.bodyText());
                assertEquals(200, conn.get("/two"));
                assertEquals("bye", conn.bodyText());
                assertEquals(200, conn.get("/three")); // the server closed: a new connection
                assertEquals(2, conn.connects());
            }
            fake.join(5_000);
        }
    }

    /** Answers the first connection's two requests with the given texts (trickled), then one more on a second. */
    private static void serve(ServerSocket server, String first, String second) {
        try {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                String head = readHead(in);
                assertTrue(head.startsWith("GET /one HTTP/1.1\r\n"), head);
                assertTrue(head.contains("\r\nAuthorization: Bearer secret-token\r\n"), head);
                byte[] bytes = first.getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < bytes.length; i += 7) { // in small pieces, splitting lines and chunks
                    out.write(bytes, i, Math.min(7, bytes.length - i));
                    out.flush();
                }
                readHead(in);
                out.write(second.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            try (Socket socket = server.accept()) {
                readHead(socket.getInputStream());
                socket.getOutputStream().write(second.getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void theWatchdogTurnsASilentServerIntoATimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Watchdog watchdog = new Watchdog(300, TimeUnit.MILLISECONDS)) {
            HttpConnection conn = watchdog.watch(new HttpConnection(
                    HttpTarget.parse("http://127.0.0.1:" + server.getLocalPort(), null)));
            IOException e = assertThrows(IOException.class, () -> conn.get("/never"));
            assertEquals("timeout", OpStats.kindOf(e), e.toString());
        }
    }

    @Test
    void envelopeBodiesHaveTheExactSizeAndAreValidJson() {
        SplittableRandom random = new SplittableRandom(3);
        for (int size = SealedEnvelopes.MIN_SIZE; size < SealedEnvelopes.MIN_SIZE + 40; size++) {
            checkEnvelope(new SealedEnvelopes(size).next(random), size);
        }
        checkEnvelope(new SealedEnvelopes(600).next(random), 600);
        checkEnvelope(new SealedEnvelopes(65_536).next(random), 65_536);
    }

    private static void checkEnvelope(byte[] body, int size) {
        assertEquals(size, body.length);
        assertNull(JsonValidator.problem(body), () -> new String(body, StandardCharsets.US_ASCII));
        String text = new String(body, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("{\"ciphertext\":[") && text.endsWith("],\"version\":0}"), text);
        String nonce = text.substring(text.indexOf("\"nonce\":[") + 9, text.lastIndexOf("],\"version\""));
        String[] bytes = nonce.split(",");
        assertEquals(12, bytes.length, nonce);
        for (String b : bytes) {
            int value = Integer.parseInt(b);
            assertTrue(value >= 0 && value <= 255, nonce);
        }
    }

    @Test
    void pageScanFollowsStringsAndNesting() {
        byte[] page = "[{\"seq\":7,\"body\":{\"a\":\"],[{\\\"x\"}},{\"seq\":8,\"body\":[1,[2]]}, {\"seq\":19,\"body\":3}]"
                .getBytes(StandardCharsets.US_ASCII);
        EnvelopePages pages = new EnvelopePages();
        pages.scan(page, page.length);
        assertEquals(3, pages.count());
        assertEquals(19, pages.lastSeq());
        byte[] scalars = "[1, 22 ,true,\"x,]\",null,{}]".getBytes(StandardCharsets.US_ASCII);
        pages.scan(scalars, scalars.length);
        assertEquals(6, pages.count());
        byte[] empty = "[]".getBytes(StandardCharsets.US_ASCII);
        pages.scan(empty, empty.length);
        assertEquals(0, pages.count());
        assertArrayEquals(new long[] {0}, new long[] {pages.lastSeq()});
    }
}
