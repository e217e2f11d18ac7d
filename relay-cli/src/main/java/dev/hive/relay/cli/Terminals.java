package dev.hive.relay.cli;

import picocli.CommandLine;

import java.io.Console;
import java.lang.reflect.Method;

/** What the CLI needs to know about the terminal it runs on. */
final class Terminals {

    private Terminals() {
    }

    /** Whether standard output is an interactive terminal (JDK 22+ asks the console; 21 has none when redirected). */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Colour only when NO_COLOR is unset and output is a terminal. */
    static boolean colorAllowed() {
        String noColor = System.getenv("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && stdoutIsTerminal();
    }

    static CommandLine.Help.ColorScheme colorScheme() {
        return CommandLine.Help.defaultColorScheme(colorAllowed() ? CommandLine.Help.Ansi.AUTO
                : CommandLine.Help.Ansi.OFF);
    }
}
