package dev.hive.relay.api;

import dev.hive.relay.events.EventStreams;
import dev.hive.relay.json.JsonException;
import dev.hive.relay.json.JsonObjectReader;
import dev.hive.relay.json.JsonSlice;
import dev.hive.relay.server.TrafficCounters;
import dev.hive.relay.store.DedupKey;
import dev.hive.relay.store.Journal.DeviceRecordKind;
import dev.hive.relay.store.Room;
import dev.hive.relay.store.RoomRegistry;
import dev.hive.relay.store.StoreException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/** {@code /v1/workspaces/{room}/…}: envelopes, their event stream, keyring, presence and candidates. */
public final class WorkspaceService {

    private static final byte[] EMPTY_ARRAY = {'[', ']'};
    private static final byte[] EMPTY_OBJECT = {'{', '}'};
    private static final int MAX_DEVICE_ID_BYTES = 256;
    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private static final HeaderName EVENT_ID = HeaderNames.create("X-Hive-Event-Id");
    private static final java.util.Set<String> RESOURCES =
            java.util.Set.of("envelopes", "events", "keyring", "presence", "candidates");

    private final RoomRegistry rooms;
    private final RequestBodies bodies;
    private final EventStreams streams;
    private final PushRateLimiter pushRate;
    private final ClientAddress clients;
    private final TrafficCounters counters;
    private final LongSupplier clockMillis;
    private final int maxEnvelopesPerRoom;

    public WorkspaceService(RoomRegistry rooms, RequestBodies bodies, EventStreams streams, PushRateLimiter pushRate,
                            ClientAddress clients, TrafficCounters counters, LongSupplier clockMillis,
                            int maxEnvelopesPerRoom) {
        this.rooms = rooms;
        this.bodies = bodies;
        this.streams = streams;
        this.pushRate = pushRate;
        this.clients = clients;
        this.counters = counters;
        this.clockMillis = clockMillis;
        this.maxEnvelopesPerRoom = maxEnvelopesPerRoom;
    }

    /**
     * Adds the routes, with their full paths, to the listener's top-level rules: registered as a
     * service under a prefix they would form a nested route list, which Helidon walks with a
     * merge of the matched paths on every request (a tenth of a post's garbage).
     */
    public void addRoutes(HttpRules rules) {
        rules.post("/v1/workspaces/{room}/envelopes", this::postEnvelope)
                .get("/v1/workspaces/{room}/envelopes", this::getEnvelopes)
                .get("/v1/workspaces/{room}/events", this::events)
                .post("/v1/workspaces/{room}/keyring", this::postKeyring)
                .get("/v1/workspaces/{room}/keyring", this::getKeyring)
                .post("/v1/workspaces/{room}/presence", (req, res) -> postDevice(req, res, DeviceRecordKind.PRESENCE))
                .get("/v1/workspaces/{room}/presence", (req, res) -> getDevices(req, res, DeviceRecordKind.PRESENCE))
                .post("/v1/workspaces/{room}/candidates", (req, res) -> postDevice(req, res, DeviceRecordKind.CANDIDATES))
                .get("/v1/workspaces/{room}/candidates", (req, res) -> getDevices(req, res, DeviceRecordKind.CANDIDATES))
                // "/v1/workspaces//envelopes" arrives with the empty segment collapsed: name the mistake.
                .any("/v1/workspaces/{resource}", (req, res) -> {
                    if (RESOURCES.contains(req.path().pathParameters().get("resource"))) {
                        throw ClientError.badRequest("room id is empty");
                    }
                    res.next();
                });
    }

    private void postEnvelope(ServerRequest req, ServerResponse res) {
        String roomId = RoomIds.of(req);
        String client = clients.of(req);
        if (!pushRate.tryAcquire(client)) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(pushRate.retryAfterSeconds()));
            throw new ClientError(Status.TOO_MANY_REQUESTS_429, "push rate exceeded for " + client + "; slow down");
        }
        byte[] body = bodies.readJson(req);
        DedupKey key = DedupKey.of(req.headers().first(IDEMPOTENCY_KEY).orElse(null),
                req.headers().first(EVENT_ID).orElse(null), body);
        Room.AppendResult result = rooms.room(roomId).append(body, key, clockMillis.getAsLong(), maxEnvelopesPerRoom);
        if (!result.duplicate()) {
            counters.envelopeIn();
        }
        Responses.json(res, ("{\"seq\":" + result.seq() + "}").getBytes(StandardCharsets.US_ASCII));
    }

    private void getEnvelopes(ServerRequest req, ServerResponse res) {
        String roomId = RoomIds.of(req);
        long after = queryNumber(req, "after", 0);
        long limit = queryNumber(req, "limit", Integer.MAX_VALUE);
        Room room = rooms.existing(roomId);
        if (room == null || limit == 0) {
            Responses.json(res, EMPTY_ARRAY);
            return;
        }
        Room.Page page = room.page(after, (int) Math.min(limit, Integer.MAX_VALUE));
        counters.envelopesOut(page.count());
        Responses.json(res, page.json());
    }

    private void events(ServerRequest req, ServerResponse res) {
        streams.serve(rooms.room(RoomIds.of(req)), res);
    }

    private void postKeyring(ServerRequest req, ServerResponse res) {
        String roomId = RoomIds.of(req);
        byte[] body = bodies.readJson(req);
        rooms.room(roomId).appendKeyring(body, clockMillis.getAsLong());
        Responses.okTrue(res);
    }

    private void getKeyring(ServerRequest req, ServerResponse res) {
        Room room = rooms.existing(RoomIds.of(req));
        Responses.json(res, room == null ? EMPTY_ARRAY : room.keyringJson());
    }

    private void postDevice(ServerRequest req, ServerResponse res, DeviceRecordKind kind) {
        String roomId = RoomIds.of(req);
        byte[] body = bodies.readJson(req);
        Map<String, JsonSlice> members;
        try {
            members = JsonObjectReader.read(body);
        } catch (JsonException e) {
            throw ClientError.badRequest("body must be a JSON object {\"device_id\":\"…\",\"data\":…}");
        }
        JsonSlice deviceId = members.get("device_id");
        if (deviceId == null || deviceId.kind() != JsonSlice.Kind.STRING) {
            throw ClientError.badRequest("device_id must be a string");
        }
        String id = deviceId.asString();
        if (id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > MAX_DEVICE_ID_BYTES) {
            throw ClientError.badRequest("device_id must be 1 to " + MAX_DEVICE_ID_BYTES + " bytes");
        }
        JsonSlice data = members.get("data");
        byte[] raw = data == null ? "null".getBytes(StandardCharsets.US_ASCII) : data.raw();
        awaitDurable(rooms.room(roomId).putDevice(kind, id, raw, clockMillis.getAsLong()));
        Responses.okTrue(res);
    }

    private void getDevices(ServerRequest req, ServerResponse res, DeviceRecordKind kind) {
        Room room = rooms.existing(RoomIds.of(req));
        Responses.json(res, room == null ? EMPTY_OBJECT : room.devicesJson(kind));
    }

    private static void awaitDurable(CompletableFuture<Void> write) {
        try {
            write.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException store ? store
                    : new StoreException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** A non-negative integer query parameter, or the default when absent. */
    private static long queryNumber(ServerRequest req, String name, long absent) {
        var values = req.query().all(name, List::of);
        if (values.isEmpty()) {
            return absent;
        }
        String text = values.getLast();
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ClientError.badRequest(name + " must be a non-negative integer");
        }
        return Long.parseLong(text);
    }
}
