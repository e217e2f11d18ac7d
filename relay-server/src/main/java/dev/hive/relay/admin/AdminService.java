package dev.hive.relay.admin;

import dev.hive.relay.api.ClientError;
import dev.hive.relay.api.RequestBodies;
import dev.hive.relay.api.Responses;
import dev.hive.relay.gate.AccessGate;
import dev.hive.relay.gate.TokenRegistry;
import dev.hive.relay.json.JsonException;
import dev.hive.relay.json.JsonObjectReader;
import dev.hive.relay.json.JsonSlice;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.SnapshotJson;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

/**
 * The admin API on the loopback listener: the stats snapshot, the live token list, and
 * {@code /metrics}. Nothing here can reveal envelope contents; the relay never has them.
 */
public final class AdminService implements HttpService {

    private final StatsCollector stats;
    private final TokenRegistry tokens;
    private final AccessGate gate;
    private final RequestBodies bodies;

    public AdminService(StatsCollector stats, TokenRegistry tokens, AccessGate gate) {
        this.stats = stats;
        this.tokens = tokens;
        this.gate = gate;
        this.bodies = new RequestBodies(64 * 1024, () -> { });
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/admin/v1/stats", this::stats)
                .get("/admin/v1/tokens", this::listTokens)
                .post("/admin/v1/tokens", this::addToken)
                .delete("/admin/v1/tokens/{ref}", this::removeToken)
                .post("/admin/v1/tokens/{ref}/rotate", this::rotateToken)
                .get("/metrics", this::metrics);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        RelaySnapshot snapshot = stats.snapshot();
        if (req.query().first("workspaces").map("false"::equals).orElse(false)) {
            snapshot = new RelaySnapshot(snapshot.serverTimeMillis(), snapshot.process(), snapshot.totals(),
                    snapshot.traffic(), snapshot.store(), snapshot.health(), List.of());
        }
        Responses.json(res, SnapshotJson.write(snapshot));
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(PrometheusText.render(stats.snapshot()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void listTokens(ServerRequest req, ServerResponse res) {
        Responses.json(res, TokenJson.list(gate.mode().label(), tokens.list()));
    }

    private void addToken(ServerRequest req, ServerResponse res) {
        Map<String, JsonSlice> body = object(req);
        String label = optionalString(body, "label");
        Long expiresIn = optionalPositive(body, "expires_in_ms");
        Long expiresAt = expiresIn == null ? null : System.currentTimeMillis() + expiresIn;
        sendIssued(res, tokens.add(label, expiresAt));
    }

    private void removeToken(ServerRequest req, ServerResponse res) {
        TokenRegistry.Token removed = withReference(() -> tokens.remove(req.path().pathParameters().get("ref")));
        Responses.json(res, TokenJson.removed(removed, tokens.size(), gate.mode().label()));
    }

    private void rotateToken(ServerRequest req, ServerResponse res) {
        Map<String, JsonSlice> body = object(req);
        // 0 is allowed: replace a leaked token at once, without a grace period.
        Long grace = optionalNumber(body, "grace_ms", 0);
        long graceMillis = grace == null ? 24 * 3_600_000L : grace;
        sendIssued(res, withReference(() -> tokens.rotate(req.path().pathParameters().get("ref"), graceMillis)));
    }

    private void sendIssued(ServerResponse res, TokenRegistry.Issued issued) {
        Responses.json(res, TokenJson.issued(issued, gate.mode().label()));
    }

    private static <T> T withReference(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new ClientError(io.helidon.http.Status.NOT_FOUND_404, e.getMessage());
        }
    }

    private Map<String, JsonSlice> object(ServerRequest req) {
        byte[] body = bodies.read(req);
        if (body.length == 0) {
            return Map.of();
        }
        try {
            return JsonObjectReader.read(body);
        } catch (JsonException e) {
            throw ClientError.badRequest("body must be a JSON object: " + e.getMessage());
        }
    }

    private static String optionalString(Map<String, JsonSlice> body, String name) {
        JsonSlice field = body.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        if (field.kind() != JsonSlice.Kind.STRING) {
            throw ClientError.badRequest(name + " must be a string");
        }
        return field.asString();
    }

    private static Long optionalPositive(Map<String, JsonSlice> body, String name) {
        return optionalNumber(body, name, 1);
    }

    private static Long optionalNumber(Map<String, JsonSlice> body, String name, long min) {
        JsonSlice field = body.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        try {
            long value = field.asLong();
            if (value < min) {
                throw ClientError.badRequest(name + (min == 0 ? " must not be negative" : " must be more than zero"));
            }
            return value;
        } catch (JsonException e) {
            throw ClientError.badRequest(name + " must be a whole number of milliseconds");
        }
    }
}
