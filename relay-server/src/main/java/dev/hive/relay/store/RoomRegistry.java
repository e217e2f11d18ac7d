package dev.hive.relay.store;

import dev.hive.relay.store.Journal.DeviceRecordKind;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All workspaces the relay holds, created on first write. Reads of unknown rooms do not
 * create them, so a stranger cannot fill memory with empty rooms by asking.
 */
public final class RoomRegistry {

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Journal journal;
    private final ChunkPool chunks = new ChunkPool();
    private final long seqFloor;

    /**
     * @param seqFloor the sequence a new room counts up from: 0 when the journal remembers
     *                 every room's sequence, a time-derived floor when nothing is remembered
     */
    public RoomRegistry(Journal journal, long seqFloor) {
        this.journal = journal;
        this.seqFloor = seqFloor;
    }

    /** The room, created if new. */
    public Room room(String id) {
        Room room = rooms.get(id);
        return room != null ? room : rooms.computeIfAbsent(id, key -> new Room(key, journal, chunks, seqFloor));
    }

    /** The room if it exists, else null. */
    public Room existing(String id) {
        return rooms.get(id);
    }

    public Collection<Room> rooms() {
        return rooms.values();
    }

    public int size() {
        return rooms.size();
    }

    /** Applies age retention to every room; returns envelopes dropped. */
    public long evictOlderThan(long cutoffMillis) {
        long evicted = 0;
        for (Room room : rooms.values()) {
            evicted += room.evictOlderThan(cutoffMillis);
        }
        return evicted;
    }

    /** Forgets rooms that hold nothing (e.g. opened only by an event stream that has ended). */
    public void dropDisposableRooms() {
        rooms.values().removeIf(room -> room.isDisposable(seqFloor));
    }

    /** Ends every waiting event stream; the relay is stopping. */
    public void closeAll() {
        rooms.values().forEach(Room::close);
    }

    /** Rebuilds the serving state from the journal; returns how many envelopes were loaded. */
    public long loadFromJournal() {
        long[] envelopes = {0};
        journal.load(new Journal.JournalLoader() {
            @Override
            public void room(String id, long lastSeq) {
                RoomRegistry.this.room(id).restoreLastSeq(lastSeq);
            }

            @Override
            public void envelope(String id, long seq, long receivedAtMillis, String dedupKey, byte[] body) {
                RoomRegistry.this.room(id).restoreEnvelope(seq, receivedAtMillis, DedupKey.ofText(dedupKey), body);
                envelopes[0]++;
            }

            @Override
            public void keyring(String id, byte[] blob) {
                RoomRegistry.this.room(id).restoreKeyring(blob);
            }

            @Override
            public void deviceRecord(String id, DeviceRecordKind kind, String deviceId, byte[] data,
                                     long seenAtMillis) {
                RoomRegistry.this.room(id).restoreDevice(kind, deviceId, data, seenAtMillis);
            }
        });
        return envelopes[0];
    }
}
