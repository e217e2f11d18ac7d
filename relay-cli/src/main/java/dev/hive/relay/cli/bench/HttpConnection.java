package dev.hive.relay.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal HTTP/1.1 client over one keep-alive {@link Socket}, built for load generation:
 * requests are written with one system call from a reused buffer, responses are parsed in
 * place (status line, headers, {@code Content-Length}, chunked or read-to-close bodies), and
 * the body lands in a reused array. A connection the server closes, or one that failed, is
 * reopened by the next request. One thread uses a connection at a time; {@link #close()} may
 * come from another thread to end a blocked read.
 *
 * <p>For server-sent events, {@link #openStream} reads only the head and leaves the body to
 * {@link #readLine()}, which decodes chunks as it goes.
 */
final class HttpConnection implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_BODY_BYTES = 256 * 1024 * 1024;
    private static final byte[] HTTP_VERSION = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] JSON_TYPE = "Content-Type: application/json\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPT_EVENTS = "Accept: text/event-stream\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

    private static final int NO_BODY = 0;
    private static final int LENGTH = 1;
    private static final int CHUNKED = 2;
    private static final int UNTIL_CLOSE = 3;

    private final HttpTarget target;
    private final int readTimeoutMillis;
    private volatile Socket socket;
    private volatile boolean shutDown;
    private volatile long busySince;
    private volatile boolean timedOut;
    private InputStream in;
    private OutputStream out;

    private final byte[] inBuf = new byte[32 * 1024];
    private int inPos;
    private int inLim;
    private byte[] outBuf = new byte[4 * 1024];
    private byte[] body = new byte[16 * 1024];
    private int bodyLength;

    private int status;
    private boolean keepAlive;
    private boolean chunked;
    private int bodyMode;
    private long remaining;
    private boolean chunkCrlfDue;
    private boolean bodyDone;
    private long connects;

    /** A connection whose reads may block for ever (until {@link #close()}, or a {@link Watchdog}). */
    HttpConnection(HttpTarget target) {
        this(target, 0);
    }

    /**
     * @param readTimeoutMillis how long a read may block (a socket timeout: cheap on platform
     *                          threads, not on virtual ones, see {@link Watchdog}), 0 for ever
     */
    HttpConnection(HttpTarget target, int readTimeoutMillis) {
        this.target = target;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Opens the socket now rather than on the first request. */
    void connect() throws IOException {
        if (socket != null) {
            return;
        }
        if (shutDown) {
            throw new SocketException("connection shut down");
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMillis);
            s.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        in = s.getInputStream();
        out = s.getOutputStream();
        inPos = 0;
        inLim = 0;
        connects++;
        socket = s;
        if (shutDown) { // shut down while connecting
            close();
            throw new SocketException("connection shut down");
        }
    }

    /** {@code GET path}; returns the status, the body is in {@link #body()}. */
    int get(String path) throws IOException {
        return exchange("GET", path, null, null, 0, 0);
    }

    /** {@code POST path} with a JSON body; returns the status, the answer is in {@link #body()}. */
    int postJson(String path, byte[] content, int offset, int length) throws IOException {
        return exchange("POST", path, JSON_TYPE, content, offset, length);
    }

    /**
     * Sends {@code GET path} asking for an event stream and reads the answer's head. On 200 the
     * body stays on the wire for {@link #readLine()}; any other answer is read whole.
     */
    int openStream(String path) throws IOException {
        return guarded(() -> {
            connect();
            writeRequest("GET", path, ACCEPT_EVENTS, null, 0, -1);
            readHead();
            if (status != 200) {
                readBody();
                finishResponse();
            }
            return status;
        });
    }

    /**
     * The next line of a streamed body without its line end ({@code \n} or {@code \r\n}), or
     * null once the body has ended; the connection is not reusable after a stream.
     */
    String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            int b = nextBodyByte();
            if (b < 0) {
                return line == null ? null : line.toString();
            }
            if (line == null) {
                line = new StringBuilder(32);
            }
            if (b == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    int status() {
        return status;
    }

    /** The last response's body; valid up to {@link #bodyLength()} until the next request. */
    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLength;
    }

    String bodyText() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    /** Whether the last response came with {@code Transfer-Encoding: chunked}. */
    boolean lastWasChunked() {
        return chunked;
    }

    /** How many times a socket was opened (1 while keep-alive holds). */
    long connects() {
        return connects;
    }

    /** Closes the socket for good: later requests fail instead of reconnecting. Safe from any thread. */
    void shutDown() {
        shutDown = true;
        close();
    }

    /** Closes the socket; safe from any thread, and the next request reconnects. */
    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** One whole request and answer; returns the status, the answer is in {@link #body()}. */
    private int exchange(String method, String path, byte[] extraHeaders, byte[] content, int offset, int length)
            throws IOException {
        return guarded(() -> {
            connect();
            writeRequest(method, path, extraHeaders, content, offset, content == null ? -1 : length);
            readHead();
            readBody();
            finishResponse();
            return status;
        });
    }

    /** Runs one request under the watchdog's eye; any failure closes the connection. */
    private int guarded(Step step) throws IOException {
        busySince = System.nanoTime();
        try {
            return step.run();
        } catch (IOException e) {
            throw failed(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            busySince = 0;
        }
    }

    /** A request's I/O, returning the answer's status. */
    @FunctionalInterface
    private interface Step {
        int run() throws IOException;
    }

    /** Closes after a failure; one the watchdog caused is reported as the timeout it is. */
    private IOException failed(IOException e) {
        close();
        if (timedOut) {
            timedOut = false;
            return new SocketTimeoutException("no answer within the time limit");
        }
        return e;
    }

    /** Called by a {@link Watchdog}: closes the connection when one request has taken too long. */
    void abortIfBusyLongerThan(long timeoutNanos, long now) {
        long since = busySince;
        if (since != 0 && now - since > timeoutNanos) {
            timedOut = true;
            close();
        }
    }

    private void finishResponse() {
        if (!keepAlive) {
            close();
        }
    }

    // ---- writing

    private void writeRequest(String method, String path, byte[] extraHeaders, byte[] content, int offset,
                              int length) throws IOException {
        int at = 0;
        at = putAscii(at, method);
        at = put(at, (byte) ' ');
        at = putAscii(at, path);
        at = put(at, HTTP_VERSION, 0, HTTP_VERSION.length);
        byte[] fixed = target.fixedHeaders();
        at = put(at, fixed, 0, fixed.length);
        if (extraHeaders != null) {
            at = put(at, extraHeaders, 0, extraHeaders.length);
        }
        if (length >= 0) {
            at = put(at, CONTENT_LENGTH, 0, CONTENT_LENGTH.length);
            at = putAscii(at, Integer.toString(length));
            at = put(at, CRLF, 0, 2);
        }
        at = put(at, CRLF, 0, 2);
        if (length > 0 && at + length <= 64 * 1024) {
            at = put(at, content, offset, length);
            out.write(outBuf, 0, at);
        } else {
            out.write(outBuf, 0, at);
            if (length > 0) {
                out.write(content, offset, length);
            }
        }
        out.flush();
    }

    private int put(int at, byte b) {
        ensureOut(at + 1);
        outBuf[at] = b;
        return at + 1;
    }

    private int put(int at, byte[] bytes, int offset, int length) {
        ensureOut(at + length);
        System.arraycopy(bytes, offset, outBuf, at, length);
        return at + length;
    }

    private int putAscii(int at, String text) {
        int n = text.length();
        ensureOut(at + n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 127) {
                throw new IllegalArgumentException("not a plain ASCII request token: " + text);
            }
            outBuf[at + i] = (byte) c;
        }
        return at + n;
    }

    private void ensureOut(int size) {
        if (size > outBuf.length) {
            outBuf = Arrays.copyOf(outBuf, Math.max(size, outBuf.length * 2));
        }
    }

    // ---- reading the head

    private void readHead() throws IOException {
        while (true) {
            int end = lineEnd();
            int lineStart = inPos;
            int lineEnd = trimCr(lineStart, end);
            inPos = end + 1;
            if (lineEnd - lineStart < 12 || !startsWith(lineStart, "HTTP/1.")) {
                throw new ProtocolException("malformed status line: "
                        + new String(inBuf, lineStart, Math.min(lineEnd - lineStart, 80), StandardCharsets.ISO_8859_1));
            }
            boolean http10 = inBuf[lineStart + 7] == '0';
            status = digit(lineStart + 9) * 100 + digit(lineStart + 10) * 10 + digit(lineStart + 11);
            if (inBuf[lineStart + 8] != ' ' || status < 100) {
                throw new ProtocolException("malformed status line");
            }
            keepAlive = !http10;
            chunked = false;
            long contentLength = -1;
            while (true) {
                int hEnd = lineEnd();
                int hStart = inPos;
                int hLineEnd = trimCr(hStart, hEnd);
                inPos = hEnd + 1;
                if (hLineEnd == hStart) {
                    break;
                }
                int colon = indexOf(hStart, hLineEnd, (byte) ':');
                if (colon < 0) {
                    throw new ProtocolException("malformed header line");
                }
                int vStart = colon + 1;
                int vEnd = hLineEnd;
                while (vStart < vEnd && (inBuf[vStart] == ' ' || inBuf[vStart] == '\t')) {
                    vStart++;
                }
                while (vEnd > vStart && (inBuf[vEnd - 1] == ' ' || inBuf[vEnd - 1] == '\t')) {
                    vEnd--;
                }
                if (nameIs(hStart, colon, "content-length")) {
                    contentLength = parseDecimal(vStart, vEnd);
                } else if (nameIs(hStart, colon, "transfer-encoding")) {
                    chunked = containsIgnoreCase(vStart, vEnd, "chunked");
                } else if (nameIs(hStart, colon, "connection")) {
                    if (containsIgnoreCase(vStart, vEnd, "close")) {
                        keepAlive = false;
                    } else if (containsIgnoreCase(vStart, vEnd, "keep-alive")) {
                        keepAlive = true;
                    }
                }
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue; // an interim answer; the real one follows
            }
            bodyDone = false;
            chunkCrlfDue = false;
            if (status == 204 || status == 304 || status == 101) {
                bodyMode = NO_BODY;
            } else if (chunked) {
                bodyMode = CHUNKED;
                remaining = 0;
            } else if (contentLength >= 0) {
                bodyMode = LENGTH;
                remaining = contentLength;
            } else {
                bodyMode = UNTIL_CLOSE;
                keepAlive = false;
            }
            return;
        }
    }

    // ---- reading the body whole

    private void readBody() throws IOException {
        bodyLength = 0;
        switch (bodyMode) {
            case NO_BODY -> bodyDone = true;
            case LENGTH -> {
                if (remaining > MAX_BODY_BYTES) {
                    throw new ProtocolException("response body over " + MAX_BODY_BYTES + " bytes");
                }
                copyBody((int) remaining);
                remaining = 0;
            }
            case CHUNKED -> {
                while (true) {
                    long size = readChunkSize();
                    if (size == 0) {
                        break;
                    }
                    if (bodyLength + size > MAX_BODY_BYTES) {
                        throw new ProtocolException("response body over " + MAX_BODY_BYTES + " bytes");
                    }
                    copyBody((int) size);
                    chunkCrlfDue = true;
                }
                remaining = 0;
            }
            default -> {
                while (true) {
                    if (inPos == inLim && fill() < 0) {
                        break;
                    }
                    int n = inLim - inPos;
                    ensureBody(bodyLength + n);
                    System.arraycopy(inBuf, inPos, body, bodyLength, n);
                    bodyLength += n;
                    inPos = inLim;
                }
            }
        }
        bodyDone = true;
    }

    /** Appends exactly {@code n} body bytes to {@link #body}, from the buffer first, then the socket. */
    private void copyBody(int n) throws IOException {
        ensureBody(bodyLength + n);
        int buffered = Math.min(n, inLim - inPos);
        System.arraycopy(inBuf, inPos, body, bodyLength, buffered);
        inPos += buffered;
        bodyLength += buffered;
        int left = n - buffered;
        while (left > 0) {
            int read = in.read(body, bodyLength, left);
            if (read < 0) {
                throw new ProtocolException("connection closed in the middle of a response body");
            }
            bodyLength += read;
            left -= read;
        }
    }

    private void ensureBody(int size) {
        if (size > body.length) {
            body = Arrays.copyOf(body, Math.max(size, Math.min(body.length * 2, MAX_BODY_BYTES)));
        }
    }

    // ---- reading the body as a stream

    private int nextBodyByte() throws IOException {
        if (bodyDone) {
            return -1;
        }
        switch (bodyMode) {
            case LENGTH -> {
                if (remaining == 0) {
                    bodyDone = true;
                    return -1;
                }
                remaining--;
                return nextRawByteOrFail();
            }
            case CHUNKED -> {
                if (remaining == 0) {
                    long size = readChunkSize();
                    if (size == 0) {
                        bodyDone = true;
                        return -1;
                    }
                    remaining = size;
                    chunkCrlfDue = true;
                }
                remaining--;
                return nextRawByteOrFail();
            }
            case UNTIL_CLOSE -> {
                if (inPos == inLim && fill() < 0) {
                    bodyDone = true;
                    return -1;
                }
                return inBuf[inPos++] & 0xff;
            }
            default -> {
                bodyDone = true;
                return -1;
            }
        }
    }

    private int nextRawByteOrFail() throws IOException {
        if (inPos == inLim && fill() < 0) {
            throw new ProtocolException("connection closed in the middle of a response body");
        }
        return inBuf[inPos++] & 0xff;
    }

    /**
     * Reads the next chunk-size line (after the previous chunk's CRLF); for the last chunk
     * ({@code 0}) also the trailer section. Chunk extensions are ignored.
     */
    private long readChunkSize() throws IOException {
        if (chunkCrlfDue) {
            int end = lineEnd();
            if (trimCr(inPos, end) != inPos) {
                throw new ProtocolException("chunk data longer than its declared size");
            }
            inPos = end + 1;
            chunkCrlfDue = false;
        }
        int end = lineEnd();
        int stop = trimCr(inPos, end);
        long size = 0;
        int digits = 0;
        int i = inPos;
        for (; i < stop; i++) {
            int d = Character.digit(inBuf[i], 16);
            if (d < 0) {
                break;
            }
            if (++digits > 8) {
                throw new ProtocolException("chunk size too large");
            }
            size = size * 16 + d;
        }
        if (digits == 0 || (i < stop && inBuf[i] != ';' && inBuf[i] != ' ' && inBuf[i] != '\t')) {
            throw new ProtocolException("malformed chunk size line");
        }
        inPos = end + 1;
        if (size == 0) {
            while (true) { // trailer fields, then an empty line
                int tEnd = lineEnd();
                boolean empty = trimCr(inPos, tEnd) == inPos;
                inPos = tEnd + 1;
                if (empty) {
                    break;
                }
            }
        }
        return size;
    }

    // ---- buffer helpers

    /** Index of the next {@code \n} at or after {@link #inPos}, reading more as needed. */
    private int lineEnd() throws IOException {
        int scanFrom = inPos;
        while (true) {
            for (int i = scanFrom; i < inLim; i++) {
                if (inBuf[i] == '\n') {
                    return i;
                }
            }
            scanFrom = inLim - inPos; // relative: fill() may move the data to the start
            if (fill() < 0) {
                throw new ProtocolException(inPos == inLim ? "connection closed before a response"
                        : "connection closed in the middle of a response");
            }
            scanFrom += inPos;
        }
    }

    /** Reads more bytes into the buffer, compacting first; -1 at end of stream. */
    private int fill() throws IOException {
        if (inPos > 0) {
            System.arraycopy(inBuf, inPos, inBuf, 0, inLim - inPos);
            inLim -= inPos;
            inPos = 0;
        }
        if (inLim == inBuf.length) {
            throw new ProtocolException("response line longer than " + inBuf.length + " bytes");
        }
        InputStream stream = in;
        if (stream == null || socket == null) {
            throw new SocketException("connection closed");
        }
        int read = stream.read(inBuf, inLim, inBuf.length - inLim);
        if (read > 0) {
            inLim += read;
        }
        return read;
    }

    private int trimCr(int start, int newline) {
        return newline > start && inBuf[newline - 1] == '\r' ? newline - 1 : newline;
    }

    private int digit(int at) throws ProtocolException {
        int d = inBuf[at] - '0';
        if (d < 0 || d > 9) {
            throw new ProtocolException("malformed status code");
        }
        return d;
    }

    private boolean startsWith(int at, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (inBuf[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (inBuf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Case-insensitive match of the header name in {@code [start, end)} with a lower-case name. */
    private boolean nameIs(int start, int end, String lowerName) {
        if (end - start != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            int c = inBuf[start + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoreCase(int start, int end, String lowerWord) {
        int n = lowerWord.length();
        for (int i = start; i + n <= end; i++) {
            boolean match = true;
            for (int j = 0; j < n && match; j++) {
                int c = inBuf[i + j];
                match = (c >= 'A' && c <= 'Z' ? c + 32 : c) == lowerWord.charAt(j);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private long parseDecimal(int start, int end) throws ProtocolException {
        if (start == end || end - start > 15) {
            throw new ProtocolException("malformed Content-Length");
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int d = inBuf[i] - '0';
            if (d < 0 || d > 9) {
                throw new ProtocolException("malformed Content-Length");
            }
            value = value * 10 + d;
        }
        return value;
    }
}
