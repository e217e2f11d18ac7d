package dev.hive.relay.api;

import dev.hive.relay.json.JsonException;
import dev.hive.relay.json.JsonObjectReader;
import dev.hive.relay.json.JsonSlice;
import dev.hive.relay.json.JsonWriter;
import dev.hive.relay.pairing.LookupLockout;
import dev.hive.relay.pairing.PairingBook;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/pair}: hand a payload from one device to another by a short code. */
public final class PairingService implements HttpService {

    private final PairingBook book;
    private final LookupLockout lockout;
    private final RequestBodies bodies;
    private final ClientAddress clients;

    public PairingService(PairingBook book, LookupLockout lockout, RequestBodies bodies, ClientAddress clients) {
        this.book = book;
        this.lockout = lockout;
        this.bodies = bodies;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/{code}", this::lookUp);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Map<String, JsonSlice> members;
        try {
            members = JsonObjectReader.read(bodies.readJson(req));
        } catch (JsonException e) {
            throw ClientError.badRequest("body must be a JSON object {\"payload\":\"…\",\"ttl_secs\":…}");
        }
        JsonSlice payloadField = members.get("payload");
        if (payloadField == null || payloadField.kind() != JsonSlice.Kind.STRING) {
            throw ClientError.badRequest("payload must be a string");
        }
        String payload = payloadField.asString();
        if (payload.isBlank()) {
            throw ClientError.badRequest("payload is empty");
        }
        if (payload.getBytes(StandardCharsets.UTF_8).length > PairingBook.MAX_PAYLOAD_BYTES) {
            throw new ClientError(Status.REQUEST_ENTITY_TOO_LARGE_413,
                    "payload is larger than " + PairingBook.MAX_PAYLOAD_BYTES + " bytes");
        }
        int ttl = PairingBook.clampTtl(ttlSeconds(members.get("ttl_secs")));
        String code = book.add(payload, ttl).orElseThrow(() -> new ClientError(Status.SERVICE_UNAVAILABLE_503,
                "too many live pairing codes on this relay; retry in a few minutes"));
        Responses.json(res, new JsonWriter().beginObject()
                .name("code").value(code)
                .name("expires_in").value(ttl)
                .endObject().toByteArray());
    }

    private static Long ttlSeconds(JsonSlice field) {
        if (field == null || field.isNull()) {
            return null;
        }
        try {
            return field.asLong();
        } catch (JsonException e) {
            throw ClientError.badRequest("ttl_secs must be an integer number of seconds or null");
        }
    }

    private void lookUp(ServerRequest req, ServerResponse res) {
        String client = clients.of(req);
        if (lockout.isLockedOut(client)) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(lockout.retryAfterSeconds(client)));
            throw new ClientError(Status.TOO_MANY_REQUESTS_429,
                    "too many failed pairing look-ups from " + client + "; wait a minute");
        }
        Optional<String> payload = book.find(req.path().pathParameters().get("code"));
        if (payload.isEmpty()) {
            lockout.recordFailure(client);
            throw new ClientError(Status.NOT_FOUND_404, "no such pairing code, or it has expired");
        }
        Responses.json(res, new JsonWriter().beginObject().name("payload").value(payload.get()).endObject()
                .toByteArray());
    }
}
