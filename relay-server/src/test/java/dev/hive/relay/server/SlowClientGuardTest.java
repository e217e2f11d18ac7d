package dev.hive.relay.server;

import dev.hive.relay.TestRelay;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read timeout bounds stalls, not transfers: a slow but steady body still gets through. */
class SlowClientGuardTest {

    @Test
    void aBodyArrivingSteadilyOverSeveralTimeoutsIsAccepted() throws Exception {
        try (TestRelay relay = TestRelay.start(settings -> settings.readTimeout = Duration.ofMillis(400));
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", relay.port()), 5_000);
            socket.setSoTimeout(10_000);
            String body = "{\"pad\":\"" + "x".repeat(90) + "\"}";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/workspaces/steady/envelopes HTTP/1.1\r\nHost: relay\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            // Ten pieces, 200 ms apart: 2 s in all, five times the timeout, but no gap above it.
            for (int piece = 0; piece < 10; piece++) {
                out.write(bytes, piece * bytes.length / 10, bytes.length / 10);
                out.flush();
                Thread.sleep(200);
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 200", answer);
            assertTrue(relay.get(TestRelay.envelopes("steady")).text().contains("xxxx"));
        }
    }
}
