package dev.hive.relay.store.sqlite;

import dev.hive.relay.store.Journal;
import dev.hive.relay.store.Journal.DeviceRecordKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects a replay, checking the order the interface promises. */
final class RecordingLoader implements Journal.JournalLoader {

    record Envelope(long seq, long receivedAt, String dedupKey, byte[] body) {
    }

    record Device(byte[] data, long seenAt) {
    }

    final Map<String, Long> lastSeq = new LinkedHashMap<>();
    final Map<String, List<Envelope>> envelopes = new LinkedHashMap<>();
    final Map<String, List<byte[]>> keyring = new LinkedHashMap<>();
    final Map<String, Device> devices = new LinkedHashMap<>();
    private boolean envelopesStarted;

    static RecordingLoader load(Journal journal) {
        RecordingLoader loader = new RecordingLoader();
        journal.load(loader);
        return loader;
    }

    @Override
    public void room(String room, long seq) {
        if (envelopesStarted) {
            throw new AssertionError("room " + room + " reported after envelopes");
        }
        if (lastSeq.put(room, seq) != null) {
            throw new AssertionError("room " + room + " reported twice");
        }
    }

    @Override
    public void envelope(String room, long seq, long receivedAt, String dedupKey, byte[] body) {
        envelopesStarted = true;
        Long last = lastSeq.get(room);
        if (last == null || seq > last) {
            throw new AssertionError("envelope " + seq + " of " + room + " beyond the room's last_seq " + last);
        }
        List<Envelope> list = envelopes.computeIfAbsent(room, r -> new ArrayList<>());
        if (!list.isEmpty() && list.getLast().seq() >= seq) {
            throw new AssertionError("envelopes of " + room + " out of order at " + seq);
        }
        list.add(new Envelope(seq, receivedAt, dedupKey, body));
    }

    @Override
    public void keyring(String room, byte[] blob) {
        keyring.computeIfAbsent(room, r -> new ArrayList<>()).add(blob);
    }

    @Override
    public void deviceRecord(String room, DeviceRecordKind kind, String deviceId, byte[] data, long seenAt) {
        if (devices.put(room + "/" + kind + "/" + deviceId, new Device(data, seenAt)) != null) {
            throw new AssertionError("device record reported twice: " + deviceId);
        }
    }
}
