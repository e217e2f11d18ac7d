package dev.hive.relay.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;

/** The few response shapes the relay sends. */
public final class Responses {

    private static final byte[] OK_TRUE = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

    private Responses() {
    }

    /** A plain-text body, e.g. the one-line reason of a refusal. */
    public static void text(ServerResponse res, Status status, String text) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN);
        res.send(text.getBytes(StandardCharsets.UTF_8));
    }

    public static void json(ServerResponse res, byte[] json) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(json);
    }

    public static void okTrue(ServerResponse res) {
        json(res, OK_TRUE);
    }

    public static void html(ServerResponse res, String html) {
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(html.getBytes(StandardCharsets.UTF_8));
    }
}
