package dev.hive.relay.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

class TerminalOpenerTest {

    @Test
    void noConsoleMeansNoTerminal() {
        assertFalse(TerminalOpener.interactive(null, "/dev/tty"));
    }

    @Test
    void anUnopenableTtyMeansNoTerminal() {
        assertFalse(TerminalOpener.interactive(System.console(), "/nonexistent/tty"));
    }

    @Test
    void withoutATerminalTopFailsWithOneClearLineAndOpensNothing() {
        // Surefire runs tests with piped streams; skip if someone runs them on a real TTY.
        assumeFalse(TerminalOpener.interactive(System.console(), "/dev/tty"));
        NoTerminalException e = assertThrows(NoTerminalException.class,
                () -> TopApp.run(() -> Fixtures.snapshot().build(), TopOptions.defaults()));
        assertEquals("top needs an interactive terminal; use 'hive-relay top --once' or 'status --json' in scripts",
                e.getMessage());
    }
}
