package dev.hive.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client library will send:
 * malformed request lines, lying lengths, huge headers, bytes dribbled one at a time.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to the relay; reads give up after {@code readTimeout}. */
    public static RawHttp connect(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        return new RawHttp(socket);
    }

    public static RawHttp connect(int port) throws IOException {
        return connect(port, Duration.ofSeconds(20));
    }

    /**
     * Sends the bytes on a fresh connection and reads the answer; null when the server closed
     * the connection without answering.
     */
    public static Response exchange(int port, byte[] request) throws IOException {
        try (RawHttp http = connect(port)) {
            try {
                http.write(request);
            } catch (SocketException e) {
                // The server may refuse and close before taking all of a large request: read what it said.
            }
            return http.readResponse();
        }
    }

    public static Response exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void write(String latin1) throws IOException {
        write(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Half-closes: the server sees the end of the request stream. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Reads one response: status line, headers, then a body framed by Content-Length, chunked
     * encoding or the end of the connection. Null when the connection ends (or is reset)
     * before a status line arrives.
     */
    public Response readResponse() throws IOException {
        String statusLine;
        try {
            statusLine = readLine();
        } catch (SocketException e) {
            return null; // reset by the server
        }
        if (statusLine == null) {
            return null;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine();
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    readLine();
                    break;
                }
                chunks.write(in.readNBytes(size));
                readLine();
            }
            body = chunks.toByteArray();
        } else {
            body = readToEnd();
        }
        return new Response(status, headers, body);
    }

    /**
     * Waits for the server to end the connection: true when it is closed or reset within
     * {@code within}, false when it is still open then. Bytes sent meanwhile are discarded.
     */
    public boolean awaitClosed(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        byte[] sink = new byte[8192];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                if (in.read(sink) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true;
            }
        }
        return false;
    }

    InputStream in() {
        return in;
    }

    byte[] readAllForProbe() throws IOException {
        return readToEnd();
    }

    private byte[] readToEnd() throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException e) {
            return new byte[0];
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A raw response; header names are lower-case. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /** The request line and headers of a request, CRLF-terminated, ready for a body. */
    public static String head(String requestLine, List<String> headers) {
        List<String> lines = new ArrayList<>();
        lines.add(requestLine);
        lines.addAll(headers);
        return String.join("\r\n", lines) + "\r\n\r\n";
    }
}
