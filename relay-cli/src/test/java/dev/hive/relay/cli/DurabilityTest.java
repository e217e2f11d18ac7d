package dev.hive.relay.cli;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the relay acknowledges survives kill -9, SIGTERM and restarts; sequences never go back. */
class DurabilityTest {

    private static final Pattern ENTRY = Pattern.compile("\\{\"seq\":(\\d+),\"body\":(\\{\"w\":\\d+,\"i\":\\d+,\"pad\":\"[a-z]*\"\\})\\}");
    private static final int ROOMS = 4;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path temp;

    @RepeatedTest(3)
    void everyAcknowledgedEnvelopeSurvivesKillNine() throws Exception {
        Path data = temp.resolve("data");
        Map<String, Map<Long, byte[]>> acknowledged = new ConcurrentHashMap<>();
        try (ChildRelay relay = ChildRelay.start(data, "--push-rate", "0")) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> write(relay, writer, stop, acknowledged)));
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(800, 2500));
            relay.kill();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        int total = acknowledged.values().stream().mapToInt(Map::size).sum();
        assertTrue(total > 20, "the writers got some posts acknowledged before the kill: " + total);

        try (ChildRelay relay = ChildRelay.start(data)) {
            for (int r = 0; r < ROOMS; r++) {
                String room = "room-" + r;
                Map<Long, byte[]> stored = read(relay, room);
                Map<Long, byte[]> expected = acknowledged.getOrDefault(room, Map.of());
                for (Map.Entry<Long, byte[]> ack : expected.entrySet()) {
                    assertArrayEquals(ack.getValue(), stored.get(ack.getKey()),
                            room + " seq " + ack.getKey() + " was acknowledged but is not stored as posted");
                }
                long maxAcknowledged = expected.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
                long maxStored = stored.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
                HttpResponse<byte[]> fresh = ChildRelay.post(client, relay.uri("/v1/workspaces/" + room
                        + "/envelopes"), "{\"w\":99,\"i\":0,\"pad\":\"after\"}");
                assertEquals(200, fresh.statusCode());
                long seq = seqOf(fresh);
                assertTrue(seq > maxAcknowledged && seq > maxStored,
                        "new sequence " + seq + " must be above every acknowledged (" + maxAcknowledged + ")");
            }
        }
    }

    @Test
    void sigtermStopsCleanlyAndKeepsKeyringPresenceAndDedupKeys() throws Exception {
        Path data = temp.resolve("data");
        long firstSeq;
        try (ChildRelay relay = ChildRelay.start(data)) {
            var keyed = java.net.http.HttpRequest.newBuilder(relay.uri("/v1/workspaces/team/envelopes"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "evt-1")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build();
            firstSeq = seqOf(client.send(keyed, HttpResponse.BodyHandlers.ofByteArray()));
            assertEquals(200, ChildRelay.post(client, relay.uri("/v1/workspaces/team/keyring"),
                    "{\"sealed\":{\"dev-a\":{\"k\":1}},\"version\":2}").statusCode());
            assertEquals(200, ChildRelay.post(client, relay.uri("/v1/workspaces/team/presence"),
                    "{\"device_id\":\"dev-a\",\"data\":{\"name\":\"laptop\"}}").statusCode());
            assertEquals(200, ChildRelay.post(client, relay.uri("/v1/workspaces/team/candidates"),
                    "{\"device_id\":\"dev-a\",\"data\":[\"udp 1.2.3.4\"]}").statusCode());
            assertEquals(0, relay.terminate(), "SIGTERM ends serve with exit code 0");
            assertTrue(relay.stderr().contains("stopped"), relay.stderr());
        }
        try (ChildRelay relay = ChildRelay.start(data)) {
            assertEquals("[{\"sealed\":{\"dev-a\":{\"k\":1}},\"version\":2}]",
                    ChildRelay.get(client, relay.uri("/v1/workspaces/team/keyring")).body());
            assertEquals("{\"dev-a\":{\"name\":\"laptop\"}}",
                    ChildRelay.get(client, relay.uri("/v1/workspaces/team/presence")).body());
            assertEquals("{\"dev-a\":[\"udp 1.2.3.4\"]}",
                    ChildRelay.get(client, relay.uri("/v1/workspaces/team/candidates")).body());
            var again = java.net.http.HttpRequest.newBuilder(relay.uri("/v1/workspaces/team/envelopes"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "evt-1")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build();
            assertEquals(firstSeq, seqOf(client.send(again, HttpResponse.BodyHandlers.ofByteArray())),
                    "the dedup key survived the restart");
            assertEquals("[{\"seq\":" + firstSeq + ",\"body\":{\"n\":1}}]",
                    ChildRelay.get(client, relay.uri("/v1/workspaces/team/envelopes")).body());
        }
    }

    @Test
    void memoryModeNeverMovesSequencesBelowWhatClientsHold() throws Exception {
        Path data = temp.resolve("data");
        long before;
        try (ChildRelay relay = ChildRelay.start(data, "--store", "memory")) {
            before = seqOf(ChildRelay.post(client, relay.uri("/v1/workspaces/m/envelopes"), "{\"a\":1}"));
            before = Math.max(before, seqOf(ChildRelay.post(client, relay.uri("/v1/workspaces/m/envelopes"),
                    "{\"a\":2}")));
            assertEquals(0, relay.terminate());
        }
        Thread.sleep(5);
        try (ChildRelay relay = ChildRelay.start(data, "--store", "memory")) {
            assertEquals("[]", ChildRelay.get(client, relay.uri("/v1/workspaces/m/envelopes")).body(),
                    "memory mode keeps nothing across restarts");
            long after = seqOf(ChildRelay.post(client, relay.uri("/v1/workspaces/m/envelopes"), "{\"a\":3}"));
            assertTrue(after > before, "sequence after restart " + after + " must exceed " + before);
        }
    }

    @Test
    void aPortInUseIsOneLineAndANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ChildRelay.Result result = ChildRelay.runToExit(temp.resolve("data"),
                    "--addr", "127.0.0.1:" + taken.getLocalPort());
            assertNotEquals(0, result.exitCode());
            List<String> errors = result.stderr().lines().filter(l -> l.startsWith("hive-relay:")).toList();
            assertEquals(1, errors.size(), result.stderr());
            assertTrue(errors.get(0).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), errors.get(0));
            assertFalse(result.stderr().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void aCorruptStoreStopsStartUpAndIsLeftUntouched() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        byte[] garbage = "this is not a database, but someone's data all the same".repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(data.resolve("relay.db"), garbage);
        ChildRelay.Result result = ChildRelay.runToExit(data);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains(data.resolve("relay.db").toString()), result.stderr());
        assertArrayEquals(garbage, Files.readAllBytes(data.resolve("relay.db")), "the file is never modified");
    }

    private void write(ChildRelay relay, int writer, AtomicBoolean stop, Map<String, Map<Long, byte[]>> acked) {
        for (int i = 0; !stop.get(); i++) {
            String room = "room-" + (i + writer) % ROOMS;
            String body = "{\"w\":" + writer + ",\"i\":" + i + ",\"pad\":\"" + "x".repeat(i % 50) + "\"}";
            try {
                HttpResponse<byte[]> response = ChildRelay.post(client, relay.uri("/v1/workspaces/" + room
                        + "/envelopes"), body);
                if (response.statusCode() == 200) {
                    acked.computeIfAbsent(room, key -> Collections.synchronizedMap(new java.util.HashMap<>()))
                            .put(seqOf(response), body.getBytes(StandardCharsets.UTF_8));
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    private Map<Long, byte[]> read(ChildRelay relay, String room) throws Exception {
        String body = ChildRelay.get(client, relay.uri("/v1/workspaces/" + room + "/envelopes?after=0")).body();
        Map<Long, byte[]> stored = new java.util.HashMap<>();
        Matcher matcher = ENTRY.matcher(body);
        while (matcher.find()) {
            stored.put(Long.parseLong(matcher.group(1)), matcher.group(2).getBytes(StandardCharsets.UTF_8));
        }
        return stored;
    }

    private static long seqOf(HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        Matcher matcher = Pattern.compile("^\\{\"seq\":(\\d+)}$").matcher(text);
        assertTrue(matcher.matches(), "a seq answer, got " + response.statusCode() + " " + text);
        return Long.parseLong(matcher.group(1));
    }
}
