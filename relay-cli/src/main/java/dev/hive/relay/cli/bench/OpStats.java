package dev.hive.relay.cli.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of one operation on one thread: requests, failures by kind (an HTTP status
 * that is not 2xx, or {@code refused}, {@code timeout}, {@code closed}, {@code io}), envelopes
 * received, and the latency of every answer. Threads keep their own and {@link #add} them up at
 * the end; the optional live counters feed the progress line.
 */
final class OpStats {

    private final LatencyHistogram latency = new LatencyHistogram();
    private final Map<String, Long> errors = new TreeMap<>();
    private final LongAdder liveRequests;
    private final LongAdder liveErrors;
    private long requests;
    private long envelopes;

    OpStats() {
        this(null, null);
    }

    OpStats(LongAdder liveRequests, LongAdder liveErrors) {
        this.liveRequests = liveRequests;
        this.liveErrors = liveErrors;
    }

    /** An answer with this status after {@code nanos}; anything but 2xx counts as an error too. */
    void response(int status, long nanos, long envelopesReceived) {
        requests++;
        latency.record(nanos);
        envelopes += envelopesReceived;
        if (liveRequests != null) {
            liveRequests.increment();
        }
        if (status < 200 || status > 299) {
            error(Integer.toString(status));
        }
    }

    /** A completed measurement that is not an HTTP answer (fan-out delivery, stream set-up). */
    void sample(long nanos) {
        requests++;
        latency.record(nanos);
        if (liveRequests != null) {
            liveRequests.increment();
        }
    }

    /** A request that got no answer. */
    void failure(IOException e) {
        failure(kindOf(e));
    }

    /** An attempt that failed without an answer, by kind. */
    void failure(String kind) {
        requests++;
        if (liveRequests != null) {
            liveRequests.increment();
        }
        error(kind);
    }

    private void error(String kind) {
        errors.merge(kind, 1L, Long::sum);
        if (liveErrors != null) {
            liveErrors.increment();
        }
    }

    void add(OpStats other) {
        requests += other.requests;
        envelopes += other.envelopes;
        latency.add(other.latency);
        other.errors.forEach((kind, n) -> errors.merge(kind, n, Long::sum));
    }

    long requests() {
        return requests;
    }

    long envelopes() {
        return envelopes;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Errors by kind, sorted. */
    Map<String, Long> errors() {
        return errors;
    }

    LatencyHistogram latency() {
        return latency;
    }

    /** A short name for why a request got no answer. */
    static String kindOf(IOException e) {
        if (e instanceof ConnectException) {
            return "refused";
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "timeout";
        }
        if (e instanceof EOFException || (e instanceof ProtocolException p && p.getMessage() != null
                && p.getMessage().startsWith("connection closed"))) {
            return "closed";
        }
        if (e instanceof ProtocolException) {
            return "protocol";
        }
        return "io";
    }
}
