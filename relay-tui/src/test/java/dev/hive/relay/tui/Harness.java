package dev.hive.relay.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.hive.relay.stats.RelaySnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TopLoop} on Lanterna's virtual terminal with a scripted source, a fake clock and
 * fetches run inline, so every tick is deterministic.
 */
final class Harness {

    final DefaultVirtualTerminal terminal;
    final AtomicLong clock = new AtomicLong(5_000_000);
    final TopLoop loop;
    private final Deque<Object> script = new ArrayDeque<>();
    int fetches;

    Harness(int columns, int rows) {
        this(columns, rows, TopOptions.defaults(), Runnable::run);
    }

    Harness(int columns, int rows, TopOptions options) {
        this(columns, rows, options, Runnable::run);
    }

    Harness(int columns, int rows, TopOptions options, Executor executor) {
        terminal = Screens.terminal(columns, rows);
        loop = new TopLoop(terminal, this::fetch, options, clock::get, executor, clock::addAndGet);
    }

    private RelaySnapshot fetch() throws Exception {
        fetches++;
        Object next = script.poll();
        if (next == null) {
            throw new IllegalStateException("test script exhausted");
        }
        if (next instanceof Exception e) {
            throw e;
        }
        return (RelaySnapshot) next;
    }

    Harness then(RelaySnapshot... snapshots) {
        script.addAll(List.of(snapshots));
        return this;
    }

    Harness thenFail(Exception e) {
        script.add(e);
        return this;
    }

    /** Opens the screen and runs the first tick, which fetches. */
    Harness start() {
        try {
            loop.open();
            loop.tick();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    boolean tick() {
        try {
            return loop.tick();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets time pass, then ticks (fetching if the interval is up). */
    boolean advance(long millis) {
        clock.addAndGet(millis);
        return tick();
    }

    boolean press(KeyStroke... keys) {
        for (KeyStroke k : keys) {
            terminal.addInput(k);
        }
        return tick();
    }

    boolean press(char... keys) {
        for (char k : keys) {
            terminal.addInput(Screens.key(k));
        }
        return tick();
    }

    boolean type(String text) {
        Screens.type(terminal, text);
        return tick();
    }

    void resize(int columns, int rows) {
        terminal.setTerminalSize(new TerminalSize(columns, rows));
        tick();
    }

    String row(int r) {
        return Screens.row(terminal, r);
    }

    List<String> rows() {
        return Screens.rows(terminal);
    }

    String text() {
        return Screens.text(terminal);
    }

    int find(String needle) {
        return Screens.find(terminal, needle);
    }

    /** The rows that list workspaces, in screen order, by the id in their first column. */
    List<String> tableIds() {
        List<String> rows = rows();
        int header = find("WORKSPACE");
        return rows.subList(header + 1, rows.size() - 1).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.split(" +")[0])
                .toList();
    }

    Frame intendedFrame() {
        TerminalSize size = terminal.getTerminalSize();
        return new TopRenderer(Glyphs.UNICODE).render(loop.model(), size.getColumns(), size.getRows(), true, clock.get());
    }
}
