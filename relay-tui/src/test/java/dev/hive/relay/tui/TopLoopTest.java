package dev.hive.relay.tui;

import static dev.hive.relay.tui.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import dev.hive.relay.stats.RelaySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Keys and timing through the real loop, on the virtual terminal. */
class TopLoopTest {

    private static RelaySnapshot at(long offsetMillis) {
        return Fixtures.snapshot().at(T0 + offsetMillis).requests(5_000 + offsetMillis).build();
    }

    @Test
    void aSessionOfKeys() {
        Harness h = new Harness(80, 24).then(at(0)).start();
        assertTrue(h.press('s'));
        assertEquals(List.of("bravo", "alpha", "charlie"), h.tableIds());
        assertTrue(h.press('r'));
        assertEquals(List.of("charlie", "alpha", "bravo"), h.tableIds());
        h.press('/');
        h.type("a");
        h.press(Screens.key(KeyType.Enter));
        assertEquals(List.of("charlie", "alpha", "bravo"), h.tableIds(), "all three contain an a");
        h.press('/');
        h.type("lph");
        h.press(Screens.key(KeyType.Enter));
        assertEquals(List.of("alpha"), h.tableIds());
        h.press(Screens.key(KeyType.Escape));
        assertEquals(List.of("charlie", "alpha", "bravo"), h.tableIds(), "Esc cleared the filter");
        h.press(Screens.key(KeyType.ArrowDown)); // the selection stayed on alpha; down is bravo
        h.press(Screens.key(KeyType.Enter));
        assertTrue(h.row(2).startsWith("workspace bravo"), h.row(2));
        h.press(Screens.key(KeyType.Escape));
        h.press('?');
        assertTrue(h.text().contains("─ help ─"));
        h.press(Screens.key(KeyType.Escape));
        assertFalse(h.text().contains("─ help ─"));
        h.press('p');
        assertTrue(h.row(0).contains("PAUSED"));
        h.press('+');
        assertTrue(h.row(0).endsWith("every 2s"), h.row(0));
        assertFalse(h.press('q'), "q ends the loop");
    }

    @Test
    void selectionMovesWithArrowsAndPages() {
        List<dev.hive.relay.stats.WorkspaceStats> rooms = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rooms.add(Fixtures.workspace(String.format("room-%02d", i), 1, 1, 1000L * (40 - i), i, 1, T0, 0, 0));
        }
        Harness h = new Harness(80, 24).then(Fixtures.snapshot().workspaces(rooms).build()).start();
        assertTrue(selectedRow(h).startsWith("room-00"));
        h.press(Screens.key(KeyType.PageDown));
        assertTrue(selectedRow(h).startsWith("room-14"), selectedRow(h));
        h.press(Screens.key(KeyType.End));
        assertTrue(selectedRow(h).startsWith("room-39"), "scrolled to keep the selection visible");
        h.press(Screens.key(KeyType.Home));
        assertTrue(selectedRow(h).startsWith("room-00"));
        h.press(Screens.key(KeyType.ArrowUp));
        assertTrue(selectedRow(h).startsWith("room-00"), "clamped at the top");
    }

    @Test
    void pauseStopsFetchingAndResumeFetchesAtOnce() {
        Harness h = new Harness(80, 24).then(at(0), at(1_000), at(7_000)).start();
        h.advance(1_000);
        assertEquals(2, h.fetches);
        h.press('p');
        h.advance(5_000);
        assertEquals(2, h.fetches, "no fetch while paused");
        assertTrue(h.row(0).contains("PAUSED"));
        h.press('p');
        h.tick();
        assertEquals(3, h.fetches, "resuming fetches without waiting for the interval");
        assertFalse(h.row(0).contains("PAUSED"));
    }

    @Test
    void plusAndMinusChangeTheRefreshInterval() {
        Harness h = new Harness(80, 24).then(at(0), at(2_000), at(2_500)).start();
        h.press('+');
        assertTrue(h.row(0).endsWith("every 2s"));
        h.advance(1_000);
        assertEquals(1, h.fetches, "not yet: the interval is 2 s now");
        h.advance(1_000);
        assertEquals(2, h.fetches);
        h.press('-', '-');
        assertTrue(h.row(0).endsWith("every 500ms"), h.row(0));
        h.advance(500);
        assertEquals(3, h.fetches);
    }

    @Test
    void theDelayOptionSetsTheInitialInterval() {
        Harness h = new Harness(80, 24, TopOptions.defaults().withDelay(Duration.ofSeconds(5)))
                .then(at(0), at(5_000)).start();
        assertTrue(h.row(0).endsWith("every 5s"));
        h.advance(4_000);
        assertEquals(1, h.fetches);
        h.advance(1_000);
        assertEquals(2, h.fetches);
    }

    @Test
    void ctrlCQuitsFromAnyMode() {
        Harness h = new Harness(80, 24).then(at(0)).start();
        h.press('/');
        assertTrue(h.press('q'), "q is text inside the filter prompt");
        assertTrue(h.row(23).startsWith("filter: q"));
        assertFalse(h.press(Screens.ctrl('c')));
    }

    @Test
    void endOfInputQuits() {
        Harness h = new Harness(80, 24).then(at(0)).start();
        assertFalse(h.press(Screens.key(KeyType.EOF)));
    }

    @Test
    void runReturnsOnQAndRestoresTheTerminal() throws Exception {
        DefaultVirtualTerminal terminal = Screens.terminal(80, 24);
        AtomicBoolean closed = new AtomicBoolean();
        terminal.addVirtualTerminalListener(new ClosedListener(closed));
        AtomicLong clock = new AtomicLong();
        List<RelaySnapshot> seen = new ArrayList<>();
        TopLoop loop = new TopLoop(terminal, () -> {
            RelaySnapshot s = at(seen.size() * 1_000L);
            seen.add(s);
            return s;
        }, TopOptions.defaults(), clock::get, Runnable::run, ms -> {
            if (clock.addAndGet(ms) >= 3_000) {
                terminal.addInput(Screens.key('q'));
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(10), loop::run);
        assertTrue(closed.get(), "terminal closed");
        assertTrue(terminal.isCursorVisible(), "cursor shown again");
        assertEquals(-1, Screens.find(terminal, "hive-relay"), "back on the normal screen");
        assertEquals(4, seen.size(), "fetched at 0, 1, 2 and 3 s");
    }

    @Test
    void aCrashStillRestoresTheTerminal() {
        DefaultVirtualTerminal terminal = Screens.terminal(80, 24);
        AtomicBoolean closed = new AtomicBoolean();
        terminal.addVirtualTerminalListener(new ClosedListener(closed));
        TopLoop loop = new TopLoop(terminal, () -> at(0), TopOptions.defaults(), () -> 0, Runnable::run, ms -> {
            throw new IllegalStateException("boom");
        });
        assertThrows(IllegalStateException.class, loop::run);
        assertTrue(closed.get());
        assertTrue(terminal.isCursorVisible());
        loop.restore(); // idempotent, as the shutdown hook may call it again
    }

    @Test
    void aSlowSourceIsReportedWhileWaiting() {
        List<Runnable> stuck = new ArrayList<>();
        Harness h = new Harness(80, 24, TopOptions.defaults(), stuck::add).then(at(0)).start();
        assertTrue(h.row(0).contains("connecting"));
        h.advance(6_000);
        assertTrue(h.row(1).startsWith("relay unreachable — retrying every 1s  (no answer for 6s)"), h.row(1));
        assertEquals(1, stuck.size(), "never two fetches at once");
        stuck.get(0).run();
        h.tick();
        assertEquals(-1, h.find("unreachable"));
        assertEquals(2, stuck.size(), "the next fetch starts once the slow one is in");
    }

    @Test
    void keysStayResponsiveWhileAFetchIsInFlight() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        try {
            DefaultVirtualTerminal terminal = Screens.terminal(80, 24);
            TopLoop loop = new TopLoop(terminal, () -> {
                release.await(10, TimeUnit.SECONDS);
                return at(0);
            }, TopOptions.defaults(), System::currentTimeMillis, executor, Thread::sleep);
            loop.open();
            loop.tick();
            terminal.addInput(Screens.key('?'));
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> loop.tick());
            assertTrue(Screens.text(terminal).contains("─ help ─"));
            release.countDown();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                while (Screens.find(terminal, "gate allowlist") < 0) {
                    loop.tick();
                    Thread.sleep(10);
                }
            });
            loop.restore();
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    private static String selectedRow(Harness h) {
        for (int r = 0; r < 24; r++) {
            if (Screens.cell(h.terminal, 0, r).isReversed()) {
                return h.row(r);
            }
        }
        return "";
    }

    private record ClosedListener(AtomicBoolean closed) implements VirtualTerminalListener {
        @Override
        public void onFlush() {
        }

        @Override
        public void onBell() {
        }

        @Override
        public void onClose() {
            closed.set(true);
        }

        @Override
        public void onResized(Terminal terminal, TerminalSize size) {
        }
    }
}
