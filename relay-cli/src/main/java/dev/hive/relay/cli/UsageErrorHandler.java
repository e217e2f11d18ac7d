package dev.hive.relay.cli;

import picocli.CommandLine;

/** A usage mistake: one line and a pointer to --help. Monitoring commands map the code to UNKNOWN. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("hive-relay: " + e.getMessage());
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for the options.");
        cli.getErr().flush();
        Object command = cli.getCommand();
        if (command instanceof HasUsageExitCode custom) {
            return custom.usageExitCode();
        }
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Commands whose callers read exit codes with another meaning (monitoring: 2 is CRITICAL). */
    interface HasUsageExitCode {
        int usageExitCode();
    }
}
