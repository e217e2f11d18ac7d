package dev.hive.relay.cli;

import dev.hive.relay.cli.admin.AdminClient;
import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.tui.NoTerminalException;
import dev.hive.relay.tui.TopApp;
import dev.hive.relay.tui.TopOptions;
import dev.hive.relay.tui.TopText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hive-relay top}: the live console, or one frame of it as text for scripts and logs. */
@Command(name = "top",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        modelTransformer = ConsoleSettings.class,
        description = {"Watch the running relay live: header (version, uptime, listeners, gate, health), rates "
                + "with graphs, memory bars, and a sortable, filterable table of workspaces.",
                "Finds the relay like 'status'. While the relay is down or restarting the screen says "
                        + "\"relay unreachable - retrying\" and picks it up again by itself."},
        footerHeading = "%nKeys:%n",
        footer = {"  q Ctrl-C  quit             ? h       help",
                "  p Space   pause/resume     + -       longer/shorter refresh interval",
                "  s S  > <  sort column      r         reverse the sort",
                "  /         filter by id     Enter     open the selected workspace",
                "  Esc       back, clear the filter"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:quit with q or Ctrl-C; with --once, printed",
                "1:no interactive terminal (use --once or 'status --json'), or with --once no answer from "
                        + "the relay; the line says which",
                "2:usage error"})
public final class TopCommand implements Callable<Integer> {

    static final int DEFAULT_WIDTH = 80;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--delay", paramLabel = "DURATION", converter = Converters.Span.class, defaultValue = "1s",
            description = "refresh interval, 100ms to 1h; '+' and '-' change it live (default: ${DEFAULT-VALUE})")
    private Duration delay;

    @Option(names = "--once", description = "print one frame as text and exit: two snapshots --delay apart, so "
            + "rates show; every workspace; as wide as $COLUMNS, else 80")
    private boolean once;

    @Option(names = "--json", description = "with --once: print the admin snapshot as JSON instead, exactly like "
            + "'status --json'")
    private boolean json;

    @Option(names = "--no-color", description = "no colours (bold and reverse video stay); also when NO_COLOR is set")
    private boolean noColor;

    @Option(names = "--ascii", description = "ASCII drawing characters only; also when the locale is not UTF-8")
    private boolean ascii;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, String> env = System.getenv();
        TopOptions options = options(env);
        if (json && !once) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--json prints one snapshot: use it with --once (or run 'hive-relay status --json')");
        }
        ResolvedSettings resolved = ConsoleSettings.resolve(spec);
        PrintWriter out = spec.commandLine().getOut();
        if (once) {
            printOnce(resolved, options, out, width(env));
            return 0;
        }
        try (AdminSnapshotSource source = new AdminSnapshotSource(resolved)) {
            TopApp.run(source, options);
        } catch (NoTerminalException e) {
            throw new CliException(e.getMessage(), 1);
        }
        return 0;
    }

    private TopOptions options(Map<String, String> env) {
        TopOptions options;
        try {
            options = TopOptions.fromEnvironment(env).withDelay(delay);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--delay: " + e.getMessage());
        }
        if (noColor) {
            options = options.withNoColor(true);
        }
        if (ascii) {
            options = options.withAscii(true);
        }
        return options;
    }

    private void printOnce(ResolvedSettings resolved, TopOptions options, PrintWriter out, int width)
            throws InterruptedException {
        try (AdminClient client = AdminClient.forSettings(resolved)) {
            if (json) {
                out.println(client.statsJson(true));
            } else {
                RelaySnapshot first = client.snapshot(true);
                Thread.sleep(delay);
                RelaySnapshot second = client.snapshot(true);
                String text = TopText.renderText(first, second, width, 0, options);
                out.print(text.endsWith("\n") ? text : text + "\n");
            }
        }
        out.flush();
    }

    /** {@code $COLUMNS} when it is a sensible width, else 80. */
    static int width(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                int value = Integer.parseInt(columns.trim());
                if (value >= 20 && value <= 1000) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // not a number: the default
            }
        }
        return DEFAULT_WIDTH;
    }
}
