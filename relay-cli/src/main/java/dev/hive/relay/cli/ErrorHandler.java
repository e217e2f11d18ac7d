package dev.hive.relay.cli;

import picocli.CommandLine;

/**
 * Turns a failed command into one line on stderr. Exceptions meant for the operator
 * ({@link CliException}, settings and listener errors) carry their fix in the message; anything
 * else is a bug and gets its type too, but still no stack trace unless HIVE_RELAY_DEBUG is set.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean forOperator = e instanceof CliException || e.getClass().getName().startsWith("dev.hive.relay")
                || e instanceof IllegalArgumentException;
        cli.getErr().println("hive-relay: " + (forOperator ? message : e.getClass().getSimpleName() + ": " + message));
        if (System.getenv("HIVE_RELAY_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return e instanceof CliException cliException ? cliException.exitCode() : 1;
    }
}
