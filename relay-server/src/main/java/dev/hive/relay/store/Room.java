package dev.hive.relay.store;

import dev.hive.relay.store.Journal.DeviceRecordKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One workspace's state: its envelope queue (a ring ordered by sequence), dedup index,
 * keyring, device maps, and the threads waiting on its event stream.
 *
 * <p>Appends take the lock only to assign the sequence, queue the journal write and index
 * the envelope; waiting for durability happens outside it, so appends to a room share
 * the store's group commits. Readers see only the durable prefix of the queue: a
 * reader's cursor may never pass an envelope that is still pending, or it would skip it.
 */
public final class Room {

    private final String id;
    private final Journal journal;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Thread> waiters = ConcurrentHashMap.newKeySet();
    /** Event streams open on this room, counted for their whole life (not only while parked). */
    private final java.util.concurrent.atomic.AtomicInteger streams = new java.util.concurrent.atomic.AtomicInteger();
    private final DedupIndex dedup = new DedupIndex(this::envelopeWithSeq);
    private final BodyLog bodies;

    private Envelope[] ring = new Envelope[4];
    private int first;
    private int size;
    private long lastSeq;
    private long queuedBytes;
    private long evictions;
    private volatile long visibleSeq;
    private volatile long lastActivityMillis;
    private volatile boolean closed;

    private final List<byte[]> keyring = new ArrayList<>();
    private byte[] keyringJson;
    private final Map<DeviceRecordKind, Map<String, DeviceRecord>> devices = Map.of(
            DeviceRecordKind.PRESENCE, new LinkedHashMap<>(),
            DeviceRecordKind.CANDIDATES, new LinkedHashMap<>());
    private final Map<DeviceRecordKind, byte[]> deviceJson = new java.util.EnumMap<>(DeviceRecordKind.class);

    Room(String id, Journal journal, ChunkPool chunks, long lastSeq) {
        this.id = id;
        this.journal = journal;
        this.bodies = new BodyLog(chunks);
        this.lastSeq = lastSeq;
        this.visibleSeq = lastSeq;
    }

    public String id() {
        return id;
    }

    /**
     * Appends an envelope unless its dedup key is already stored, and returns once it is
     * durable. Evicts the oldest envelopes beyond {@code maxEnvelopes} (0 = unbounded).
     *
     * @throws StoreException when the store could not record it; nothing is acknowledged then
     */
    public AppendResult append(byte[] body, DedupKey key, long nowMillis, int maxEnvelopes) {
        Envelope envelope;
        CompletableFuture<Void> durable;
        boolean duplicate;
        PackedJson packed = PackedJson.pack(body); // outside the lock; wasted only on a duplicate
        lock.lock();
        try {
            Envelope existing = dedup.find(key.high(), key.low());
            duplicate = existing != null;
            if (duplicate) {
                envelope = existing;
                durable = existing.pending;
            } else {
                envelope = Envelope.store(bodies, lastSeq + 1, nowMillis, key, packed);
                lastSeq++;
                durable = journal.appendEnvelope(id, envelope.seq, nowMillis, key.text(), body);
                if (durable.isDone() && !durable.isCompletedExceptionally()) {
                    durable = null;
                } else {
                    envelope.pending = durable;
                }
                addLast(envelope);
                dedup.add(envelope);
                queuedBytes += body.length;
                lastActivityMillis = nowMillis;
                if (durable == null) {
                    advanceVisible();
                }
                evictBeyond(maxEnvelopes);
            }
        } finally {
            lock.unlock();
        }
        if (durable != null) {
            awaitDurable(envelope, durable, duplicate);
        } else if (!duplicate) {
            wakeWaiters();
        }
        return new AppendResult(envelope.seq, duplicate);
    }

    private void awaitDurable(Envelope envelope, CompletableFuture<Void> durable, boolean duplicate) {
        try {
            durable.join();
        } catch (CompletionException e) {
            if (!duplicate) {
                forget(envelope);
            }
            throw e.getCause() instanceof StoreException store ? store
                    : new StoreException("the store failed: " + e.getCause(), e.getCause());
        }
        if (!duplicate) {
            lock.lock();
            try {
                envelope.pending = null;
                advanceVisible();
            } finally {
                lock.unlock();
            }
            wakeWaiters();
        }
    }

    /** Drops an envelope the store refused, so it is never served and its key can be posted again. */
    private void forget(Envelope envelope) {
        lock.lock();
        try {
            int index = indexOfSeq(envelope.seq);
            if (index >= 0 && get(index) == envelope) {
                removeAt(index);
                dedup.remove(envelope);
                queuedBytes -= envelope.length;
                bodies.release(envelope.chunk);
            }
            advanceVisible();
        } finally {
            lock.unlock();
        }
        wakeWaiters();
    }

    /**
     * Up to {@code limit} durable envelopes with {@code seq > after}, oldest first, as the JSON
     * page the API serves. Built under the lock, which keeps the bodies' chunks from being reused.
     */
    public Page page(long after, int limit) {
        List<Envelope> rows = new ArrayList<>();
        lock.lock();
        try {
            long visible = visibleSeq;
            for (int i = firstIndexAfter(after); i < size && rows.size() < limit; i++) {
                Envelope envelope = get(i);
                if (envelope.seq > visible) {
                    break;
                }
                rows.add(envelope);
            }
            return new Page(EnvelopePage.toJson(rows), rows.size());
        } finally {
            lock.unlock();
        }
    }

    /** The newest sequence readers can see, 0 (or the floor) when none. */
    public long headSeq() {
        return visibleSeq;
    }

    /**
     * Parks the calling thread until the head passes {@code seenSeq}, the timeout elapses or
     * the room is closed; returns the head then. Appenders only unpark waiters, so a slow
     * stream never holds up a post.
     */
    public long awaitBeyond(long seenSeq, long timeoutNanos) {
        Thread self = Thread.currentThread();
        waiters.add(self);
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            long head;
            while ((head = visibleSeq) <= seenSeq && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || self.isInterrupted()) {
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
            return head;
        } finally {
            waiters.remove(self);
        }
    }

    /** An event stream starts on this room; pair with {@link #streamClosed()}. */
    public void streamOpened() {
        streams.incrementAndGet();
    }

    public void streamClosed() {
        streams.decrementAndGet();
    }

    /** Wakes every stream so it can end; used when the relay shuts down. */
    void close() {
        closed = true;
        wakeWaiters();
    }

    public boolean isClosed() {
        return closed;
    }

    private void wakeWaiters() {
        for (Thread waiter : waiters) {
            LockSupport.unpark(waiter);
        }
    }

    /** Drops envelopes received before the cutoff; returns how many. */
    public int evictOlderThan(long cutoffMillis) {
        lock.lock();
        try {
            int evicted = 0;
            while (size > 0 && get(0).receivedAtMillis < cutoffMillis && get(0).isDurable()) {
                evictFirst();
                evicted++;
            }
            if (evicted > 0) {
                journal.prune(id, lastEvictedSeq());
            }
            return evicted;
        } finally {
            lock.unlock();
        }
    }

    private void evictBeyond(int maxEnvelopes) {
        if (maxEnvelopes <= 0 || size <= maxEnvelopes) {
            return;
        }
        while (size > maxEnvelopes) {
            evictFirst();
        }
        journal.prune(id, lastEvictedSeq());
    }

    private long lastEvictedSeq() {
        return size == 0 ? lastSeq : get(0).seq - 1;
    }

    private void evictFirst() {
        Envelope oldest = get(0);
        ring[first] = null;
        first = (first + 1) % ring.length;
        size--;
        dedup.remove(oldest);
        queuedBytes -= oldest.length;
        bodies.release(oldest.chunk);
        evictions++;
    }

    // Keyring: an append-only list of blobs, served on every sync round, so the JSON is cached.

    /**
     * Appends a keyring blob and returns once it is durable.
     *
     * @throws StoreException when the store could not record it; the blob is dropped again then,
     *                        so the client's retry does not put it in the keyring twice
     */
    public void appendKeyring(byte[] blob, long nowMillis) {
        CompletableFuture<Void> durable;
        lock.lock();
        try {
            keyring.add(blob);
            keyringJson = null;
            lastActivityMillis = nowMillis;
            durable = journal.appendKeyring(id, blob);
        } finally {
            lock.unlock();
        }
        // Waited for outside the lock, as for envelopes, so keyring writes share the store's commits.
        try {
            durable.join();
        } catch (CompletionException e) {
            forgetKeyring(blob);
            throw e.getCause() instanceof StoreException store ? store
                    : new StoreException("the store failed: " + e.getCause(), e.getCause());
        }
    }

    private void forgetKeyring(byte[] blob) {
        lock.lock();
        try {
            for (int i = keyring.size() - 1; i >= 0; i--) {
                if (keyring.get(i) == blob) {
                    keyring.remove(i);
                    keyringJson = null;
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The keyring as a JSON array of the posted blobs, in order. */
    public byte[] keyringJson() {
        lock.lock();
        try {
            if (keyringJson == null) {
                keyringJson = JsonBytes.array(keyring);
            }
            return keyringJson;
        } finally {
            lock.unlock();
        }
    }

    // Presence and candidates: upserts by device id.

    public CompletableFuture<Void> putDevice(DeviceRecordKind kind, String deviceId, byte[] data, long nowMillis) {
        lock.lock();
        try {
            devices.get(kind).put(deviceId, new DeviceRecord(data, nowMillis));
            deviceJson.remove(kind);
            lastActivityMillis = nowMillis;
            return journal.putDeviceRecord(id, kind, deviceId, data, nowMillis);
        } finally {
            lock.unlock();
        }
    }

    /** {@code {<device_id>: <data>, …}} for one of the device maps. */
    public byte[] devicesJson(DeviceRecordKind kind) {
        lock.lock();
        try {
            return deviceJson.computeIfAbsent(kind, k -> JsonBytes.object(devices.get(k)));
        } finally {
            lock.unlock();
        }
    }

    /** Device ids with the newest time each was seen in presence or candidates. */
    public Map<String, Long> deviceLastSeen() {
        lock.lock();
        try {
            Map<String, Long> seen = new LinkedHashMap<>();
            for (Map<String, DeviceRecord> records : devices.values()) {
                records.forEach((device, record) -> seen.merge(device, record.seenAtMillis(), Math::max));
            }
            return seen;
        } finally {
            lock.unlock();
        }
    }

    /** Consistent counters for the console. */
    public RoomFigures figures() {
        lock.lock();
        try {
            return new RoomFigures(size, queuedBytes, (long) size * Envelope.OVERHEAD_BYTES + bodies.reservedBytes(),
                    visibleSeq, size == 0 ? 0 : get(0).seq, lastActivityMillis, evictions, keyring.size(),
                    streams.get());
        } finally {
            lock.unlock();
        }
    }

    /** True when the room holds nothing worth keeping in memory (never had a sequence, no data, no streams). */
    boolean isDisposable(long seqFloor) {
        lock.lock();
        try {
            return lastSeq == seqFloor && size == 0 && keyring.isEmpty() && waiters.isEmpty() && streams.get() == 0
                    && devices.values().stream().allMatch(Map::isEmpty);
        } finally {
            lock.unlock();
        }
    }

    // Start-up replay from the journal; no journal writes.

    void restoreEnvelope(long seq, long receivedAtMillis, DedupKey key, byte[] body) {
        Envelope envelope = Envelope.store(bodies, seq, receivedAtMillis, key, PackedJson.pack(body));
        addLast(envelope);
        dedup.add(envelope);
        queuedBytes += body.length;
        lastSeq = Math.max(lastSeq, seq);
        visibleSeq = lastSeq;
        lastActivityMillis = Math.max(lastActivityMillis, receivedAtMillis);
    }

    void restoreKeyring(byte[] blob) {
        keyring.add(blob);
    }

    void restoreDevice(DeviceRecordKind kind, String deviceId, byte[] data, long seenAtMillis) {
        devices.get(kind).put(deviceId, new DeviceRecord(data, seenAtMillis));
        lastActivityMillis = Math.max(lastActivityMillis, seenAtMillis);
    }

    void restoreLastSeq(long seq) {
        lastSeq = Math.max(lastSeq, seq);
        visibleSeq = lastSeq;
    }

    // The ring: envelopes in ascending sequence order.

    private Envelope get(int index) {
        return ring[(first + index) % ring.length];
    }

    private void addLast(Envelope envelope) {
        if (size == ring.length) {
            Envelope[] bigger = new Envelope[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = get(i);
            }
            ring = bigger;
            first = 0;
        }
        ring[(first + size) % ring.length] = envelope;
        size++;
    }

    private void removeAt(int index) {
        for (int i = index; i < size - 1; i++) {
            ring[(first + i) % ring.length] = get(i + 1);
        }
        ring[(first + size - 1) % ring.length] = null;
        size--;
    }

    private int firstIndexAfter(long seq) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (get(mid).seq <= seq) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The queued envelope with this sequence, or null; under the lock. */
    private Envelope envelopeWithSeq(long seq) {
        int index = indexOfSeq(seq);
        return index < 0 ? null : get(index);
    }

    private int indexOfSeq(long seq) {
        int index = firstIndexAfter(seq - 1);
        return index < size && get(index).seq == seq ? index : -1;
    }

    /** Moves the visible head over the durable envelopes that follow it. */
    private void advanceVisible() {
        long visible = visibleSeq;
        for (int i = firstIndexAfter(visible); i < size && get(i).isDurable(); i++) {
            visible = get(i).seq;
        }
        visibleSeq = visible;
    }

    /** Presence or candidates data of one device and when it was posted. */
    record DeviceRecord(byte[] data, long seenAtMillis) {
    }

    /** A page of envelopes as JSON, and how many it holds. */
    public record Page(byte[] json, int count) {
    }

    /** What happened to a post: its sequence, and whether it was already stored. */
    public record AppendResult(long seq, boolean duplicate) {
    }

    /** A room's counters, read under its lock. */
    public record RoomFigures(int queuedEvents, long queuedBytes, long memoryBytes, long headSeq, long oldestSeq,
                              long lastActivityMillis, long evictions, int keyringEntries, int streams) {
    }
}
