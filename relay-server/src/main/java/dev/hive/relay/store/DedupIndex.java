package dev.hive.relay.store;

/**
 * Open-addressing hash index from an envelope's 128-bit dedup key to the envelope, with
 * linear probing and backward-shift deletion: one array slot per entry instead of a map
 * node and a boxed key. Not thread-safe; the owning room guards it.
 */
final class DedupIndex {

    private Envelope[] slots = new Envelope[16];
    private int size;

    Envelope find(long high, long low) {
        int mask = slots.length - 1;
        for (int i = indexFor(high, low, mask); ; i = (i + 1) & mask) {
            Envelope candidate = slots[i];
            if (candidate == null) {
                return null;
            }
            if (candidate.keyHigh == high && candidate.keyLow == low) {
                return candidate;
            }
        }
    }

    void add(Envelope envelope) {
        if ((size + 1) * 2 > slots.length) {
            resize(slots.length * 2);
        }
        insert(slots, envelope);
        size++;
    }

    void remove(Envelope envelope) {
        int mask = slots.length - 1;
        int i = indexFor(envelope.keyHigh, envelope.keyLow, mask);
        while (slots[i] != envelope) {
            if (slots[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = null;
        size--;
        // Shift later members of the probe run back so lookups never stop at the hole too early.
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            Envelope moved = slots[j];
            int home = indexFor(moved.keyHigh, moved.keyLow, mask);
            boolean homeIsOutsideHoleToJ = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (homeIsOutsideHoleToJ) {
                slots[i] = moved;
                slots[j] = null;
                i = j;
            }
        }
        if (slots.length > 16 && size * 8 < slots.length) {
            resize(slots.length / 2);
        }
    }

    int size() {
        return size;
    }

    private void resize(int capacity) {
        Envelope[] bigger = new Envelope[capacity];
        for (Envelope envelope : slots) {
            if (envelope != null) {
                insert(bigger, envelope);
            }
        }
        slots = bigger;
    }

    private static void insert(Envelope[] table, Envelope envelope) {
        int mask = table.length - 1;
        int i = indexFor(envelope.keyHigh, envelope.keyLow, mask);
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = envelope;
    }

    private static int indexFor(long high, long low, int mask) {
        // The key is already a cryptographic digest: its low bits are uniformly spread.
        return (int) (low ^ high >>> 32) & mask;
    }
}
