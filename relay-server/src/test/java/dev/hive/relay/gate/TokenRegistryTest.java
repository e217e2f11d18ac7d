package dev.hive.relay.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenRegistryTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void aLabelSharedWithARotatedOutTokenNamesTheLiveOneOnceTheGraceIsOver() {
        TokenRegistry registry = TokenRegistry.open(dir, List.of(), now::get);
        TokenRegistry.Issued first = registry.add("alice", null);
        TokenRegistry.Issued second = registry.rotate("alice", 1_000);
        assertTrue(registry.admits(first.secret()));
        IllegalArgumentException during = assertThrows(IllegalArgumentException.class,
                () -> registry.rotate("alice", 1_000));
        assertTrue(during.getMessage().contains("names 2 tokens"), during.getMessage());

        now.addAndGet(1_000);
        assertFalse(registry.admits(first.secret()));
        TokenRegistry.Issued third = registry.rotate("alice", 0);
        assertFalse(registry.admits(second.secret()), "grace 0 cuts the old token off at once");
        assertTrue(registry.admits(third.secret()));
        assertEquals(third.token().id(), registry.remove("alice").id());

        // An id always wins over a label.
        TokenRegistry.Issued odd = registry.add(third.token().id(), null);
        assertEquals(odd.token().id(), registry.remove(odd.token().id()).id());
    }

    @Test
    void theSetSurvivesReopening() {
        TokenRegistry registry = TokenRegistry.open(dir, List.of(), now::get);
        TokenRegistry.Issued kept = registry.add("kept", null);
        TokenRegistry.Issued gone = registry.add("gone", null);
        registry.remove("gone");
        TokenRegistry reopened = TokenRegistry.open(dir, List.of(), now::get);
        assertTrue(reopened.isGating());
        assertTrue(reopened.admits(kept.secret()));
        assertFalse(reopened.admits(gone.secret()));
    }
}
