package dev.hive.relay.cli;

import picocli.CommandLine;

/** Reports a failed command as {@link Failures} does: one line, no stack trace. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        return Failures.report(e, cli.getErr());
    }
}
