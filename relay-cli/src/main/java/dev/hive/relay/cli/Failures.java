package dev.hive.relay.cli;

import java.io.PrintWriter;

/**
 * Turns a failed command into one line on stderr. Exceptions meant for the operator
 * ({@link CliException}, settings and listener errors) carry their fix in the message; anything
 * else is a bug and gets its type too, but still no stack trace unless HIVE_RELAY_DEBUG is set.
 * Free of picocli, so main's fast serve path reports the same way as {@link ErrorHandler}.
 */
final class Failures {

    private Failures() {
    }

    /** Prints the line and returns the exit code. */
    static int report(Exception e, PrintWriter err) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean forOperator = e instanceof CliException || e.getClass().getName().startsWith("dev.hive.relay")
                || e instanceof IllegalArgumentException;
        err.println("hive-relay: " + (forOperator ? message : e.getClass().getSimpleName() + ": " + message));
        if (System.getenv("HIVE_RELAY_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof CliException cliException ? cliException.exitCode() : 1;
    }
}
