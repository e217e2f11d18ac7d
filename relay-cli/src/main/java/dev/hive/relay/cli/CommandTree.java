package dev.hive.relay.cli;

import dev.hive.relay.config.Setting;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * The picocli command trees. Kept out of {@link HiveRelay}, the main class: the JVM resolves the
 * types in the main class's method signatures and checks, so picocli there would load even when
 * main does not need it.
 */
public final class CommandTree {

    private CommandTree() {
    }

    /** The command tree with the relay's conventions: one-line errors, no stack traces. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HiveRelay());
        configure(cli, out, err);
        // Every setting gets its flag from the one table of settings.
        SettingOptions.addTo(cli.getSubcommands().get("serve").getCommandSpec(), List.of(Setting.values()));
        return cli;
    }

    /**
     * A tree holding {@code serve} alone: picocli reads every command's annotations when it builds
     * the full tree, which took a good part of the relay's start-up. Names, help and errors match.
     */
    static CommandLine newServeCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(CommandLine.Model.CommandSpec.create().name("hive-relay"));
        cli.addSubcommand("serve", new CommandLine(new ServeCommand()));
        configure(cli, out, err);
        SettingOptions.addTo(cli.getSubcommands().get("serve").getCommandSpec(), List.of(Setting.values()));
        return cli;
    }

    private static void configure(CommandLine cli, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setColorScheme(Terminals.colorScheme());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
    }
}
