package dev.hive.relay.cli;

import dev.hive.relay.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
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
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code hive-relay ARGS} and returns the exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        // Plain 'serve' flags skip picocli, whose loading is a good part of start-up (see SettingFlags).
        SettingFlags serve = SettingFlags.parseServe(args);
        if (serve != null) {
            try {
                return Serve.run(serve.resolve(System.getenv()), err);
            } catch (Exception e) {
                return Failures.report(e, err);
            }
        }
        return (args.length > 0 && args[0].equals("serve") ? CommandTree.newServeCommandLine(out, err)
                : CommandTree.newCommandLine(out, err)).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
