package dev.hive.relay.server;

import dev.hive.relay.api.ClientAddress;
import dev.hive.relay.api.ClientError;
import dev.hive.relay.api.Responses;
import dev.hive.relay.gate.AccessGate;
import dev.hive.relay.store.StoreException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

/**
 * The filter every public request passes first: the access gate (401 before 404, so
 * strangers learn nothing of the routes), the mapping of client mistakes to 4xx with a
 * one-line reason, the request log line and the traffic counters.
 */
public final class FrontDoor implements Filter {

    private final AccessGate gate;
    private final TrafficCounters counters;
    private final RequestLog log;
    private final LongSupplier clockMillis;

    public FrontDoor(AccessGate gate, TrafficCounters counters, RequestLog log, LongSupplier clockMillis) {
        this.gate = gate;
        this.counters = counters;
        this.log = log;
        this.clockMillis = clockMillis;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        try {
            if (isAdminPath(req)) {
                // The console lives on the loopback listener only; here it does not exist, gated or not.
                Responses.text(res, Status.NOT_FOUND_404, "no such route");
                return;
            }
            if (!isOpenPath(req) && !gate.admits(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
                Responses.text(res, Status.UNAUTHORIZED_401, AccessGate.REFUSAL);
                return;
            }
            chain.proceed();
        } finally {
            int status = res.status().code();
            counters.request(status, req.headers().contentLength().orElse(0), res.bytesWritten());
            log.request(clockMillis.getAsLong(), req.prologue().method().text(), route(req), status,
                    (System.nanoTime() - started) / 1000, ClientAddress.peerIp(req));
        }
    }

    /**
     * Maps exceptions from handlers to answers: a client's mistake to its 4xx with a one-line
     * reason, a store failure to 503, and only a real bug to 500 (with its stack trace on stderr).
     */
    public static void registerErrorHandlers(HttpRouting.Builder routing) {
        routing.error(ClientError.class, (req, res, e) -> refuse(res, e.status(), e.getMessage()))
                .error(StoreException.class, (req, res, e) -> refuse(res, Status.SERVICE_UNAVAILABLE_503,
                        "store unavailable: " + e.getMessage()))
                .error(RequestException.class, (req, res, e) -> refuse(res, e.status(), firstLine(e.getMessage())))
                .error(HttpException.class, (req, res, e) -> refuse(res, e.status(), firstLine(e.getMessage())))
                .error(UncheckedIOException.class, (req, res, e) -> refuse(res, Status.BAD_REQUEST_400,
                        "could not read the request: " + firstLine(e.getMessage())))
                .error(RuntimeException.class, (req, res, e) -> {
                    System.err.println("hive-relay: internal error on " + req.prologue().method().text() + " "
                            + req.matchingPattern().orElse("?") + ": " + e);
                    e.printStackTrace(System.err);
                    refuse(res, Status.INTERNAL_SERVER_ERROR_500, "internal error");
                });
    }

    private static boolean isAdminPath(RoutingRequest req) {
        String path = req.path().rawPath();
        return path.startsWith("/admin/") || path.equals("/admin") || path.equals("/metrics");
    }

    /** {@code GET /} and {@code GET /v1/health} are open; everything else passes the gate. */
    private static boolean isOpenPath(RoutingRequest req) {
        Method method = req.prologue().method();
        if (method != Method.GET && method != Method.HEAD) {
            return false;
        }
        String path = req.path().rawPath();
        return path.equals("/") || path.equals("/v1/health");
    }

    private static void refuse(io.helidon.webserver.http.ServerResponse res, Status status, String reason) {
        if (!res.isSent()) {
            Responses.text(res, status, reason);
        }
    }

    private static String route(RoutingRequest req) {
        return req.matchingPattern().filter(pattern -> !pattern.isBlank()).orElse("(no route)");
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "bad request";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
