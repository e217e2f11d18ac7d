package dev.hive.relay.tui;

import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code hive-relay top}: the live console on the user's terminal. */
public final class TopApp {

    private TopApp() {
    }

    /**
     * Runs the console until the user quits ({@code q} or Ctrl-C). The terminal is restored on
     * every way out: normal exit, an exception (rethrown after restoring) and JVM shutdown
     * (SIGTERM, or SIGINT if it arrives as a signal).
     *
     * @throws NoTerminalException when not attached to an interactive terminal; its message is
     *                             the one line to print
     */
    public static void run(SnapshotSource source, TopOptions options) throws IOException {
        Terminal terminal = TerminalOpener.open();
        ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hive-relay-top-fetch");
            t.setDaemon(true);
            return t;
        });
        TopLoop loop = new TopLoop(terminal, source, options, System::currentTimeMillis, fetcher, Thread::sleep);
        Thread hook = new Thread(loop::restore, "hive-relay-top-restore");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            loop.run();
        } finally {
            loop.restore();
            fetcher.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting and the hook has run or will run; nothing to undo.
            }
        }
    }
}
