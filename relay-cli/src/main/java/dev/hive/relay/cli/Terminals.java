package dev.hive.relay.cli;

import dev.hive.relay.tui.TerminalOpener;
import picocli.CommandLine;

import java.io.Console;
import java.nio.charset.Charset;

/** What the CLI needs to know about the terminal it runs on. */
final class Terminals {

    private Terminals() {
    }

    /** Whether standard output is an interactive terminal (the console exists and says it is one). */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        return console != null && TerminalOpener.isTerminal(console);
    }

    /** Colour only when NO_COLOR is unset and output is a terminal. */
    static boolean colorAllowed() {
        String noColor = System.getenv("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && stdoutIsTerminal();
    }

    /** Whether standard output's encoding can show the few non-ASCII marks the console uses (·, …, µ). */
    static boolean unicodeAllowed() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("native.encoding", "UTF-8"));
        try {
            return Charset.forName(encoding).newEncoder().canEncode("\u00b7\u2026\u00b5");
        } catch (RuntimeException e) {
            return false;
        }
    }

    static CommandLine.Help.ColorScheme colorScheme() {
        return CommandLine.Help.defaultColorScheme(colorAllowed() ? CommandLine.Help.Ansi.AUTO
                : CommandLine.Help.Ansi.OFF);
    }
}
