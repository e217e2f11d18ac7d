package dev.hive.relay.pairing;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expiry and capacity of pairing codes, on a clock the test moves. */
class PairingBookTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final PairingBook book = new PairingBook(new SecureRandom(), now::get, 3);

    @Test
    void aCodeWorksUntilItsTtlAndNotAfter() {
        String code = book.add("payload", 30).orElseThrow();

        now.addAndGet(29_999);
        assertEquals(Optional.of("payload"), book.find(code));
        assertEquals(Optional.of("payload"), book.find(code.toLowerCase()));

        now.addAndGet(1);
        assertEquals(Optional.empty(), book.find(code));
        // Once gone, it stays gone.
        now.addAndGet(-1);
        assertEquals(Optional.empty(), book.find(code));
    }

    @Test
    void aFullBookMakesRoomByDroppingExpiredCodesOnly() {
        book.add("a", 30).orElseThrow();
        book.add("b", 30).orElseThrow();
        book.add("c", 60).orElseThrow();
        assertEquals(Optional.empty(), book.add("d", 30), "full");

        now.addAndGet(30_000);
        String d = book.add("d", 30).orElseThrow();
        assertEquals(Optional.of("d"), book.find(d));
        assertEquals(2, book.size());
    }

    @Test
    void theTtlIsClamped() {
        assertEquals(600, PairingBook.clampTtl(null));
        assertEquals(30, PairingBook.clampTtl(-5L));
        assertEquals(30, PairingBook.clampTtl(0L));
        assertEquals(3600, PairingBook.clampTtl(Long.MAX_VALUE));
        assertEquals(123, PairingBook.clampTtl(123L));
    }

    @Test
    void normalisingKeepsOnlyAsciiLettersAndDigitsUpperCased() {
        assertEquals("K7P2QX", PairingBook.normalise(" k7p-2qx "));
        assertEquals("K7P2QX", PairingBook.normalise("k7p.2qx\n"));
        assertEquals("", PairingBook.normalise("ⅦⅧ —"));
        assertEquals("K7P2QX", PairingBook.normalise("k7p٣2qx"), "non-ASCII digits are dropped");
    }
}
