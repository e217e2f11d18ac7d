package dev.hive.relay.tui;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.Console;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Opens the real terminal, and only a text one: Lanterna would otherwise open a Swing window
 * whenever {@code DISPLAY} is set and there is no TTY.
 */
public final class TerminalOpener {

    public static final String NO_TTY_MESSAGE =
            "top needs an interactive terminal; use 'hive-relay top --once' or 'status --json' in scripts";

    private TerminalOpener() {
    }

    /**
     * A text terminal on this process's TTY, with Ctrl-C delivered as a key (so the console can
     * restore the screen before exiting) rather than killing the JVM mid-frame.
     *
     * @throws NoTerminalException without an interactive terminal, with {@link #NO_TTY_MESSAGE}
     */
    public static Terminal open() throws IOException {
        if (!interactive(System.console(), "/dev/tty")) {
            throw new NoTerminalException(NO_TTY_MESSAGE);
        }
        return new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                .createTerminal();
    }

    /**
     * Both standard streams must be a terminal (the console says so) and, on Unix, the
     * controlling TTY must open: Lanterna drives it with {@code stty}.
     */
    static boolean interactive(Console console, String ttyPath) {
        if (console == null || !isTerminal(console)) {
            return false;
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return true;
        }
        try {
            new FileInputStream(ttyPath).close();
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Whether the console is a real terminal. Since JDK 22 System.console() exists even when
     * redirected, and Console.isTerminal() tells; compiled for 21, so it is looked up reflectively.
     */
    public static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
