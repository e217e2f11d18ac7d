package dev.hive.relay.cli;

import dev.hive.relay.admin.AdminSecret;
import dev.hive.relay.config.HostPort;
import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.server.RelayServer;
import dev.hive.relay.server.RequestLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin endpoint is reachable only on loopback, only with the secret, and never from a browser. */
class AdminIsolationTest {

    private static final List<String> ADMIN_PATHS = List.of("/admin/v1/stats", "/admin/v1/stats?workspaces=false",
            "/admin/v1/tokens", "/admin", "/admin/", "/metrics");

    @TempDir
    Path tmp;

    @Test
    void adminRoutesDoNotExistOnThePublicListenerOpenOrGated() throws IOException {
        try (TestRelay open = TestRelay.start(tmp.resolve("open"));
             TestRelay gated = TestRelay.start(tmp.resolve("gated"), b -> b.accessTokens = List.of("peer-token"))) {
            for (TestRelay relay : List.of(open, gated)) {
                String secret = AdminSecret.read(relay.dataDir);
                int port = relay.server.port();
                for (String path : ADMIN_PATHS) {
                    for (String auth : new String[] {null, secret, "peer-token"}) {
                        Raw response = raw(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                                + (auth == null ? "" : "Authorization: Bearer " + auth + "\r\n"));
                        assertEquals(404, response.status, path + " on the public port, auth " + auth);
                    }
                }
                Raw post = raw(port, "POST /admin/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + secret + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n", "{}");
                assertEquals(404, post.status);
            }
            assertEquals(0, open.server.tokens().list().size(), "no token was added through the public port");
        }
    }

    @Test
    void adminListenerBindsLoopbackOnlyAndRefusesAnythingElse() throws IOException {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            HostPort admin = relay.server.adminAddress();
            assertEquals("127.0.0.1", admin.host());
            assertTrue(InetAddress.getByName(admin.host()).isLoopbackAddress());
            assertEquals(admin.toString(), Files.readString(relay.dataDir.resolve(AdminSecret.ADDRESS_FILE)).trim());
            for (InetAddress address : nonLoopbackAddresses()) {
                try (Socket socket = new Socket()) {
                    assertThrows(ConnectException.class,
                            () -> socket.connect(new InetSocketAddress(address, admin.port()), 2000),
                            "admin port reachable on " + address);
                }
            }
        }
        RelaySettings.Builder wide = RelaySettings.builderForTests(tmp.resolve("exposed"));
        wide.adminAddress = new HostPort("0.0.0.0", 0);
        RelayServer.ListenException refused = assertThrows(RelayServer.ListenException.class,
                () -> RelayServer.create(wide.build(), new RequestLog(new PrintStream(OutputStream.nullOutputStream()),
                        true)));
        assertTrue(refused.getMessage().contains("not a loopback address"), refused.getMessage());
    }

    @Test
    void guardWantsLoopbackHostNoBrowserHeadersAndTheSecret() throws IOException {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"))) {
            String secret = AdminSecret.read(relay.dataDir);
            int port = relay.server.adminAddress().port();
            String auth = "Authorization: Bearer " + secret + "\r\n";

            assertEquals(200, admin(port, "127.0.0.1:" + port, auth).status);
            assertEquals(200, admin(port, "localhost:" + port, auth).status);
            assertEquals(200, admin(port, "[::1]:" + port, auth).status);
            assertEquals(200, admin(port, "127.0.0.2", auth).status);

            for (String host : List.of("evil.example", "evil.example:" + port, "127.0.0.1.evil.example",
                    "10.0.0.1:" + port, "0.0.0.0:" + port, "127.0.0.1.nip.io")) {
                Raw response = admin(port, host, auth);
                assertEquals(403, response.status, "Host '" + host + "'");
            }
            for (String malformed : List.of("127.0.0.1:" + port + "@evil.example", "")) {
                Raw response = admin(port, malformed, auth);
                assertTrue(response.status == 400 || response.status == 403, "Host '" + malformed + "' answered "
                        + response.status);
            }
            for (String browser : List.of("Origin: http://127.0.0.1:" + port, "Origin: null",
                    "Sec-Fetch-Site: same-origin", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate",
                    "Sec-Fetch-Dest: document")) {
                Raw response = admin(port, "127.0.0.1:" + port, auth + browser + "\r\n");
                assertEquals(403, response.status, browser);
                assertTrue(response.body.contains("browsers"), response.body);
            }
            for (String wrong : List.of("", "Authorization: Bearer " + secret.substring(1) + "x\r\n",
                    "Authorization: Bearer \r\n", "Authorization: Basic " + secret + "\r\n",
                    "Authorization: " + secret + "\r\n")) {
                Raw response = admin(port, "127.0.0.1:" + port, wrong);
                assertEquals(401, response.status, "'" + wrong.strip() + "'");
                assertFalse(response.body.contains(secret), "the secret never appears in an answer");
            }
            // A forged cross-site POST cannot add a token.
            Raw forged = raw(port, "POST /admin/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + auth
                    + "Origin: http://evil.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\n", "{}");
            assertEquals(403, forged.status);
            assertEquals(0, relay.server.tokens().list().size());
            // The guard covers /metrics too.
            Raw metrics = raw(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertEquals(401, metrics.status);
            Raw metricsOk = raw(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth);
            assertEquals(200, metricsOk.status);
            assertTrue(metricsOk.body.contains("hive_relay_workspaces 0"), metricsOk.body);
        }
    }

    private static Raw admin(int port, String host, String headers) throws IOException {
        return raw(port, "GET /admin/v1/stats?workspaces=false HTTP/1.1\r\nHost: " + host + "\r\n" + headers);
    }

    private static Raw raw(int port, String head) throws IOException {
        return raw(port, head, "");
    }

    /** One request on its own connection, exactly as written (HttpClient would not send a hostile Host). */
    private static Raw raw(int port, String head, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (!received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                received.write(b);
            }
            String headers = received.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(headers.substring(9, 12));
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Raw(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && !(address instanceof Inet6Address v6 && v6.isLinkLocalAddress())) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }

    private record Raw(int status, String body) {
    }
}
