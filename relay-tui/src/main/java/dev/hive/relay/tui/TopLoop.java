package dev.hive.relay.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import dev.hive.relay.stats.RelaySnapshot;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The live console on any Lanterna terminal: fetches on the refresh interval (off the UI thread,
 * so keys stay responsive while the relay is slow), handles keys, follows resizes and redraws
 * only when something changed. {@link #tick()} runs one iteration, which is what tests drive;
 * {@link #run()} loops until {@code q} or Ctrl-C and always restores the terminal.
 */
public final class TopLoop {

    /** How long to wait between input polls: short enough to feel immediate. */
    static final long POLL_MILLIS = 25;

    /** Sleeps between polls; tests substitute one that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Terminal terminal;
    private final SnapshotSource source;
    private final LongSupplier clock;
    private final Executor executor;
    private final Sleeper sleeper;
    private final TopModel model;
    private final TopRenderer renderer;
    private final ScreenPainter painter;
    private final AtomicBoolean restored = new AtomicBoolean();

    private TerminalScreen screen;
    private CompletableFuture<RelaySnapshot> inFlight;
    private long fetchStartedAt;
    private boolean fetchNow = true;
    private boolean slowReported;
    private boolean dirty = true;

    /**
     * @param clock    the viewer's clock in milliseconds (rates use the relay's own timestamps)
     * @param executor runs {@link SnapshotSource#fetch()}; a direct executor makes ticks deterministic
     */
    public TopLoop(Terminal terminal, SnapshotSource source, TopOptions options,
                   LongSupplier clock, Executor executor, Sleeper sleeper) {
        this.terminal = terminal;
        this.source = source;
        this.clock = clock;
        this.executor = executor;
        this.sleeper = sleeper;
        this.model = new TopModel(options.delay());
        Glyphs glyphs = Glyphs.of(options.ascii());
        this.renderer = new TopRenderer(glyphs);
        this.painter = new ScreenPainter(!options.noColor(), glyphs);
    }

    /** Runs until the user quits; the terminal is restored however this ends. */
    public void run() throws IOException {
        try {
            open();
            while (tick()) {
                try {
                    sleeper.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            restore();
        }
    }

    /** Takes over the terminal (alternate screen, raw keys, hidden cursor) and draws once. */
    public void open() throws IOException {
        screen = new TerminalScreen(terminal);
        screen.startScreen();
        screen.setCursorPosition(null);
        draw(true);
    }

    /** One iteration: collect a fetch, maybe start one, handle pending keys, redraw. False once quitting. */
    public boolean tick() throws IOException {
        if (restored.get()) {
            return false; // the shutdown hook gave the terminal back: draw nothing more
        }
        long now = clock.getAsLong();
        collect(now);
        if (!model.paused() && inFlight == null
                && (fetchNow || now - fetchStartedAt >= model.interval().toMillis())) {
            startFetch(now);
            collect(now);
        }
        reportSlow(now);
        KeyStroke key;
        while ((key = screen.pollInput()) != null) {
            TopModel.Effect effect = model.onKey(key);
            if (effect == TopModel.Effect.QUIT) {
                return false;
            }
            fetchNow |= effect == TopModel.Effect.FETCH_NOW;
            dirty |= effect != TopModel.Effect.NONE;
        }
        TerminalSize resized = screen.doResizeIfNecessary();
        if (resized != null || dirty) {
            draw(resized != null);
        }
        return true;
    }

    /** Leaves the alternate screen and gives the terminal back; safe to call more than once. */
    public void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        try {
            if (screen != null) {
                screen.stopScreen();
            }
        } catch (IOException | RuntimeException ignored) {
            // Restoring is best effort: the terminal may already be gone.
        }
        try {
            // Not every terminal shows the cursor again when leaving private mode.
            terminal.setCursorVisible(true);
            terminal.close();
        } catch (IOException | RuntimeException ignored) {
            // Same: nothing useful to report while exiting.
        }
    }

    TopModel model() {
        return model;
    }

    private void startFetch(long now) {
        fetchStartedAt = now;
        fetchNow = false;
        slowReported = false;
        inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                RelaySnapshot snapshot = source.fetch();
                if (snapshot == null) {
                    throw new IllegalStateException("the relay sent no data");
                }
                return snapshot;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    private void collect(long now) {
        if (inFlight == null || !inFlight.isDone()) {
            return;
        }
        try {
            model.accept(inFlight.get(), now);
        } catch (ExecutionException e) {
            model.fail(reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            model.fail("interrupted");
        } catch (RuntimeException e) {
            model.fail(reason(e));
        }
        inFlight = null;
        dirty = true;
    }

    // A source without a timeout could hang: say so instead of showing old data as current.
    private void reportSlow(long now) {
        long waited = now - fetchStartedAt;
        if (inFlight != null && !slowReported && waited > Math.max(5_000, 3 * model.interval().toMillis())) {
            model.fail("no answer for " + Format.age(waited));
            slowReported = true;
            dirty = true;
        }
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t == null) {
            return "unknown error";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String first = message.strip().lines().findFirst().orElse("");
        return first.length() > 120 ? first.substring(0, 120) : first;
    }

    private void draw(boolean complete) throws IOException {
        if (restored.get()) {
            return;
        }
        TerminalSize size = screen.getTerminalSize();
        Frame frame = renderer.render(model, size.getColumns(), size.getRows(), true, clock.getAsLong());
        painter.paint(screen, frame);
        screen.refresh(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        dirty = false;
    }
}
