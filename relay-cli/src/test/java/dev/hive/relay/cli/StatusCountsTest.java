package dev.hive.relay.cli;

import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.SnapshotJson;
import dev.hive.relay.stats.Totals;
import dev.hive.relay.stats.WorkspaceStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After a scripted workload, {@code status --json} reports exactly what was sent. */
class StatusCountsTest {

    private static final int MAX_PER_ROOM = 5;

    @TempDir
    Path tmp;

    @Test
    void totalsAndRowsEqualTheWorkload() throws Exception {
        try (TestRelay relay = TestRelay.start(tmp.resolve("data"), b -> b.maxEnvelopesPerRoom = MAX_PER_ROOM);
             HttpClient streamsClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            // Rooms get 8, 3 and 0 envelopes of distinct, known sizes; the first one overflows the cap by 3.
            Map<String, Integer> posted = Map.of("room-alpha", 8, "room-bravo", 3, "room-charlie", 0);
            Map<String, List<Integer>> sizes = new HashMap<>();
            long envelopesIn = 0;
            for (Map.Entry<String, Integer> room : posted.entrySet()) {
                List<Integer> roomSizes = new ArrayList<>();
                for (int i = 1; i <= room.getValue(); i++) {
                    String body = envelope(room.getKey(), i, 40 + 17 * i);
                    roomSizes.add(body.getBytes(StandardCharsets.UTF_8).length);
                    assertEquals(200, relay.post("/v1/workspaces/" + room.getKey() + "/envelopes", body, null)
                            .statusCode());
                    envelopesIn++;
                }
                sizes.put(room.getKey(), roomSizes);
            }
            // A duplicate (same Idempotency-Key semantics: the same body) is not a new envelope.
            assertEquals(200, relay.post("/v1/workspaces/room-bravo/envelopes", envelope("room-bravo", 1, 57), null)
                    .statusCode());

            // Devices: presence and candidates by device id; the same id in two rooms is two devices.
            presence(relay, "room-alpha", "presence", "phone");
            presence(relay, "room-alpha", "presence", "laptop");
            presence(relay, "room-bravo", "presence", "phone");
            presence(relay, "room-bravo", "candidates", "phone");
            presence(relay, "room-bravo", "candidates", "tablet");
            presence(relay, "room-charlie", "presence", "phone");
            Map<String, Integer> devices = Map.of("room-alpha", 2, "room-bravo", 2, "room-charlie", 1);

            // Keyring entries.
            relay.post("/v1/workspaces/room-charlie/keyring", "{\"blob\":1}", null);
            relay.post("/v1/workspaces/room-charlie/keyring", "{\"blob\":2}", null);

            // Event streams: two on bravo, one on charlie.
            List<InputStream> streams = new ArrayList<>();
            streams.add(openStream(streamsClient, relay, "room-bravo"));
            streams.add(openStream(streamsClient, relay, "room-bravo"));
            streams.add(openStream(streamsClient, relay, "room-charlie"));
            Map<String, Integer> streamCounts = Map.of("room-alpha", 0, "room-bravo", 2, "room-charlie", 1);

            // Envelopes out: one pull of bravo's three.
            assertEquals(200, relay.get("/v1/workspaces/room-bravo/envelopes?after=0", null).statusCode());

            TestRelay.Result result = relay.cli("status", "--json");
            assertEquals(0, result.exit(), result.toString());
            assertEquals("", result.err());
            RelaySnapshot s = SnapshotJson.read(result.out());
            Map<String, WorkspaceStats> rows = s.workspaces().stream()
                    .collect(Collectors.toMap(WorkspaceStats::id, Function.identity()));
            assertEquals(posted.keySet(), rows.keySet());

            long queuedEvents = 0;
            long queuedBytes = 0;
            for (String room : posted.keySet()) {
                List<Integer> all = sizes.get(room);
                List<Integer> kept = all.subList(Math.max(0, all.size() - MAX_PER_ROOM), all.size());
                long bytes = kept.stream().mapToLong(Integer::longValue).sum();
                WorkspaceStats row = rows.get(room);
                assertEquals(kept.size(), row.queuedEvents(), room + " queued");
                assertEquals(bytes, row.queuedBytes(), room + " bytes");
                assertEquals(all.size(), row.headSeq(), room + " head");
                assertEquals(kept.isEmpty() ? 0 : all.size() - kept.size() + 1, row.oldestSeq(), room + " oldest");
                assertEquals(all.size() - kept.size(), row.evictions(), room + " evictions");
                assertEquals(devices.get(room), row.devices(), room + " devices");
                assertEquals(devices.get(room), row.deviceList().size());
                assertTrue(row.deviceList().stream().allMatch(WorkspaceStats.DeviceStats::active));
                assertEquals(streamCounts.get(room), row.streams(), room + " streams");
                assertTrue(row.lastActivityMillis() > 0 && row.lastActivityMillis() <= s.serverTimeMillis());
                queuedEvents += kept.size();
                queuedBytes += bytes;
            }
            assertEquals(Set.of("phone", "laptop"), rows.get("room-alpha").deviceList().stream()
                    .map(WorkspaceStats.DeviceStats::deviceId).collect(Collectors.toSet()));

            Totals t = s.totals();
            assertEquals(3, t.workspaces());
            assertEquals(5, t.devices());
            assertEquals(5, t.activeDevices());
            assertEquals(queuedEvents, t.queuedEvents());
            assertEquals(8 - 3 + 3, queuedEvents);
            assertEquals(queuedBytes, t.queuedBytes());
            assertTrue(t.queuedMemoryBytes() > t.queuedBytes(), "the memory estimate counts the overhead too");
            assertEquals(3, t.streams());
            assertEquals(0, t.pairingCodes());
            assertEquals(2, t.keyringEntries());

            assertEquals(envelopesIn, s.traffic().envelopesIn());
            assertEquals(3, s.traffic().envelopesOut());
            assertEquals("sqlite", s.store().kind());
            assertEquals(envelopesIn, s.store().envelopesCommitted());
            assertEquals("OK", s.health().level().name());

            // The human view shows the same rows, the fullest first.
            TestRelay.Result human = relay.cli("status");
            assertEquals(0, human.exit(), human.toString());
            String[] lines = human.out().split("\n");
            int header = indexOf(lines, "WORKSPACE");
            assertTrue(lines[header + 1].startsWith("room-alpha "), human.out());
            assertTrue(lines[header + 2].startsWith("room-bravo "), human.out());
            assertTrue(lines[header + 3].startsWith("room-charlie "), human.out());
            assertTrue(human.out().contains("3 streams"), human.out());

            for (InputStream stream : streams) {
                stream.close();
            }
        }
    }

    private static int indexOf(String[] lines, String prefix) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    /** A JSON envelope of exactly {@code size} bytes or more, unique per room and index. */
    private static String envelope(String room, int index, int padding) {
        return "{\"ciphertext\":\"" + "x".repeat(padding) + "\",\"nonce\":\"" + room + "-" + index + "\",\"version\":0}";
    }

    private static void presence(TestRelay relay, String room, String kind, String device) {
        HttpResponse<String> response = relay.post("/v1/workspaces/" + room + "/" + kind,
                "{\"device_id\":\"" + device + "\",\"data\":{\"addr\":\"10.0.0.1\"}}", null);
        assertEquals(200, response.statusCode(), response.body());
    }

    /** Opens an event stream and waits for the relay's first frame, so it is counted. */
    private static InputStream openStream(HttpClient client, TestRelay relay, String room) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                        relay.uri("/v1/workspaces/" + room + "/events")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        InputStream body = response.body();
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null && !line.startsWith(": connected")) {
            // skip to the greeting
        }
        return body;
    }
}
