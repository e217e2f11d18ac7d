package dev.hive.relay.cli;

import dev.hive.relay.cli.bench.BenchCommand;
import dev.hive.relay.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code hive-relay}: the relay server and its operator console, one command per verb. */
@Command(name = "hive-relay",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Self-hosted relay for Hive: forwards end-to-end-encrypted envelopes between a team's devices.",
        subcommands = {
                ServeCommand.class,
                KeygenCommand.class,
                IssueCommand.class,
                StatusCommand.class,
                HealthCommand.class,
                TopCommand.class,
                TokensCommand.class,
                BackupCommand.class,
                BenchCommand.class,
                CompletionCommand.class,
                CommandLine.HelpCommand.class
        },
        footer = {"", "Run 'hive-relay COMMAND --help' for a command's options."})
public final class HiveRelay implements Runnable {

    /** Kept so the level stays set: JUL holds loggers weakly. */
    private static final Logger HELIDON_LOG = Logger.getLogger("io.helidon");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Helidon's start-up chatter would drown the relay's own lines; warnings still show.
        HELIDON_LOG.setLevel(Level.WARNING);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = (args.length > 0 && args[0].equals("serve") ? newServeCommandLine(out, err)
                : newCommandLine(out, err)).execute(args);
        System.exit(code);
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

    /** The command tree with the relay's conventions: one-line errors, no stack traces. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HiveRelay());
        configure(cli, out, err);
        // Every setting gets its flag from the one table of settings.
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
