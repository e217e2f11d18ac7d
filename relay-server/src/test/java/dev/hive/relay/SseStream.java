package dev.hive.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An open {@code GET …/events} stream whose bytes a background thread collects as they
 * arrive, so a test can wait for a frame with a bound, or check that none came.
 */
public final class SseStream implements AutoCloseable {

    private static final Pattern DATA_SEQ = Pattern.compile("data: \\{\"seq\":(\\d+)}\n\n");

    private final HttpResponse<InputStream> response;
    private final StringBuilder received = new StringBuilder();
    private final Thread reader;
    private boolean ended;

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().name("sse-reader").start(this::readAll);
    }

    /** Opens the stream of a room; returns once the response headers have arrived. */
    public static SseStream open(TestRelay relay, String room, String... headerPairs) {
        try {
            return new SseStream(relay.client().send(
                    relay.request("/v1/workspaces/" + room + "/events", headerPairs).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    private void readAll() {
        byte[] buffer = new byte[4096];
        try (InputStream in = response.body()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (this) {
                    received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The stream ended: closed by us or by the server.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** Everything received so far. */
    public synchronized String text() {
        return received.toString();
    }

    /** Whether the server has ended the stream (or it was closed). */
    public synchronized boolean ended() {
        return ended;
    }

    /**
     * Waits until what has been received satisfies the condition, and returns it; fails
     * the test when it does not within {@code within}.
     */
    public synchronized String await(Predicate<String> condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.test(received.toString())) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended && !condition.test(received.toString())) {
                throw new AssertionError("no " + what + " within " + within.toMillis() + " ms"
                        + (ended ? " (stream ended)" : "") + "; received: " + visible(received.toString()));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return received.toString();
    }

    /** Waits until the text received contains {@code expected}. */
    public String awaitContains(String expected, Duration within) {
        return await(text -> text.contains(expected), within, visible(expected));
    }

    /** Waits until more than {@code length} characters have arrived; returns everything. */
    public String awaitMoreThan(int length, Duration within) {
        return await(text -> text.length() > length, within, "bytes beyond the first " + length);
    }

    /** The sequences of the {@code data:} frames in {@code text}, in order. */
    public static List<Long> dataSeqs(String text) {
        List<Long> seqs = new ArrayList<>();
        Matcher matcher = DATA_SEQ.matcher(text);
        while (matcher.find()) {
            seqs.add(Long.parseLong(matcher.group(1)));
        }
        return seqs;
    }

    /** The text with line feeds made visible, for failure messages. */
    public static String visible(String text) {
        return text.replace("\n", "\\n");
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // Already gone.
        }
        reader.interrupt();
    }
}
