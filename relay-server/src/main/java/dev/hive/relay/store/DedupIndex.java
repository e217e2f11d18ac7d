package dev.hive.relay.store;

import java.util.function.LongFunction;

/**
 * Open-addressing hash index from an envelope's 128-bit dedup key to the envelope, with linear
 * probing and backward-shift deletion. A slot is the envelope's sequence and 32 bits of its key,
 * in two primitive arrays; a slot whose bits match is confirmed against the envelope itself,
 * which the room finds by sequence.
 *
 * <p>No references, because every append writes a random slot: in an array of references each
 * such write marks a card that the next young collection scans, and under a push load that
 * scanning was over half of the collections' time. Not thread-safe; the owning room guards it.
 */
final class DedupIndex {

    /** Sequences start at 1, so 0 marks a free slot. */
    private static final long FREE = 0;

    private final LongFunction<Envelope> bySeq;
    private long[] seqs = new long[16];
    private int[] tags = new int[16];
    private int size;

    /** {@code bySeq} gives the room's envelope with a sequence, or null. */
    DedupIndex(LongFunction<Envelope> bySeq) {
        this.bySeq = bySeq;
    }

    Envelope find(long high, long low) {
        int tag = tagOf(high, low);
        int mask = seqs.length - 1;
        for (int i = tag & mask; seqs[i] != FREE; i = (i + 1) & mask) {
            if (tags[i] == tag) {
                Envelope candidate = bySeq.apply(seqs[i]);
                if (candidate != null && candidate.keyHigh == high && candidate.keyLow == low) {
                    return candidate;
                }
            }
        }
        return null;
    }

    void add(Envelope envelope) {
        if (envelope.seq <= FREE) {
            throw new IllegalArgumentException("sequence " + envelope.seq + " cannot be indexed");
        }
        if ((size + 1) * 2 > seqs.length) {
            resize(seqs.length * 2);
        }
        insert(seqs, tags, envelope.seq, tagOf(envelope.keyHigh, envelope.keyLow));
        size++;
    }

    void remove(Envelope envelope) {
        int mask = seqs.length - 1;
        int i = tagOf(envelope.keyHigh, envelope.keyLow) & mask;
        while (seqs[i] != envelope.seq) {
            if (seqs[i] == FREE) {
                return;
            }
            i = (i + 1) & mask;
        }
        seqs[i] = FREE;
        size--;
        // Shift later members of the probe run back so lookups never stop at the hole too early.
        for (int j = (i + 1) & mask; seqs[j] != FREE; j = (j + 1) & mask) {
            int home = tags[j] & mask;
            boolean homeIsOutsideHoleToJ = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (homeIsOutsideHoleToJ) {
                seqs[i] = seqs[j];
                tags[i] = tags[j];
                seqs[j] = FREE;
                i = j;
            }
        }
        if (seqs.length > 16 && size * 8 < seqs.length) {
            resize(seqs.length / 2);
        }
    }

    int size() {
        return size;
    }

    private void resize(int capacity) {
        long[] newSeqs = new long[capacity];
        int[] newTags = new int[capacity];
        for (int i = 0; i < seqs.length; i++) {
            if (seqs[i] != FREE) {
                insert(newSeqs, newTags, seqs[i], tags[i]);
            }
        }
        seqs = newSeqs;
        tags = newTags;
    }

    private static void insert(long[] seqs, int[] tags, long seq, int tag) {
        int mask = seqs.length - 1;
        int i = tag & mask;
        while (seqs[i] != FREE) {
            i = (i + 1) & mask;
        }
        seqs[i] = seq;
        tags[i] = tag;
    }

    /** The key is already a cryptographic digest: any 32 of its bits are uniformly spread. */
    private static int tagOf(long high, long low) {
        return (int) (low ^ high >>> 32);
    }
}
