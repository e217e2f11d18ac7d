package dev.hive.relay.store;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code [{"seq":N,"body":<stored bytes>},…]} straight from the stored bytes into one array;
 * called under the room's lock, while the bodies' chunks cannot be reused.
 */
final class EnvelopePage {

    private static final byte[] OPEN = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = ",\"body\":".getBytes(StandardCharsets.US_ASCII);

    private EnvelopePage() {
    }

    static byte[] toJson(List<Envelope> page) {
        int size = 2 + Math.max(0, page.size() - 1);
        for (Envelope envelope : page) {
            size += OPEN.length + digits(envelope.seq) + BODY.length + envelope.length + 1;
        }
        byte[] out = new byte[size];
        int at = 0;
        out[at++] = '[';
        for (int i = 0; i < page.size(); i++) {
            Envelope envelope = page.get(i);
            if (i > 0) {
                out[at++] = ',';
            }
            System.arraycopy(OPEN, 0, out, at, OPEN.length);
            at += OPEN.length;
            at = writeLong(out, at, envelope.seq);
            System.arraycopy(BODY, 0, out, at, BODY.length);
            at += BODY.length;
            envelope.writeBodyTo(out, at);
            at += envelope.length;
            out[at++] = '}';
        }
        out[at] = ']';
        return out;
    }

    private static int digits(long value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }

    private static int writeLong(byte[] out, int at, long value) {
        int end = at + digits(value);
        for (int i = end - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }
}
