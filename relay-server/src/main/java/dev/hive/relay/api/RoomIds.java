package dev.hive.relay.api;

import io.helidon.webserver.http.ServerRequest;

import java.nio.charset.StandardCharsets;

/** Room ids are opaque strings chosen by clients; the relay only bounds them. */
final class RoomIds {

    static final int MAX_BYTES = 256;

    private RoomIds() {
    }

    static String of(ServerRequest req) {
        String room = req.path().pathParameters().first("room").orElse("");
        if (room.isEmpty()) {
            throw ClientError.badRequest("room id is empty");
        }
        if (room.length() > MAX_BYTES || room.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ClientError.badRequest("room id is longer than " + MAX_BYTES + " bytes");
        }
        // Percent-encoded bytes that are not UTF-8 decode to U+FFFD, so distinct ids (%FF, %FE, a
        // truncated sequence) would silently share one room: refuse them instead.
        if (room.indexOf('\uFFFD') >= 0) {
            throw ClientError.badRequest("room id is not valid UTF-8");
        }
        return room;
    }
}
