package dev.hive.relay.server;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

import java.nio.charset.StandardCharsets;

/**
 * Answers requests the server refuses before routing (malformed prologue, oversized headers,
 * a body over the cap) with a one-line plain-text reason like every other refusal.
 */
final class PlainDirectHandler implements DirectHandler {

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        Status answer = status;
        String reason;
        if (eventType == EventType.INTERNAL_ERROR && request == TransportRequest.empty()) {
            // Helidon reports a request it fails to parse in a way it did not foresee (a method
            // with non-ASCII bytes, say) as an internal error with nothing of the request
            // attached. Errors in our handlers never arrive here (the routing's error handlers
            // answer them), so this is the client's mistake: a 400, not a 500.
            answer = Status.BAD_REQUEST_400;
            reason = "bad request: the request could not be parsed";
        } else if (status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code() || eventType == EventType.PAYLOAD_TOO_LARGE) {
            reason = "body is larger than the relay's limit";
        } else if (status.code() == 431) {
            reason = "request headers are too large";
        } else if (eventType == EventType.BAD_REQUEST && message != null && !message.isBlank()) {
            reason = "bad request: " + oneLine(message);
        } else {
            reason = status.reasonPhrase().toLowerCase(java.util.Locale.ROOT);
        }
        return TransportResponse.builder()
                .status(answer)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "text/plain")
                .entity(reason.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static String oneLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
