package dev.hive.relay.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The progress line on stderr, about once a second: rewritten in place with {@code \r} when
 * stderr is a terminal, one plain line per update otherwise (logs, CI), nothing with
 * {@code --no-progress}.
 */
final class Progress {

    private final PrintWriter err;
    private final boolean enabled;
    private final boolean inPlace;
    private int lastLength;

    Progress(PrintWriter err, boolean enabled, boolean inPlace) {
        this.err = err;
        this.enabled = enabled;
        this.inPlace = inPlace;
    }

    /** A progress printer for the real stderr, rewriting in place when it is a terminal. */
    static Progress forStderr(PrintWriter err, boolean enabled) {
        return new Progress(err, enabled, stderrIsTerminal());
    }

    void update(String line) {
        if (!enabled) {
            return;
        }
        if (inPlace) {
            int pad = Math.max(0, lastLength - line.length());
            err.print("\r" + line + " ".repeat(pad));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Clears an in-place line so what follows starts on a clean line. */
    void finish() {
        if (enabled && inPlace && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }

    /** Linux tells through /proc whether fd 2 is a terminal; elsewhere assume it is not. */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
