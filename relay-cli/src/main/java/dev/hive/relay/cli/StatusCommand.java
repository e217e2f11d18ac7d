package dev.hive.relay.cli;

import dev.hive.relay.cli.admin.AdminClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code hive-relay status}: what the relay holds and how it is doing, in one screen or as JSON. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        modelTransformer = ConsoleSettings.class,
        description = {"Show the running relay at a glance: health verdict, listeners, store, totals, traffic, "
                + "process, and the busiest workspaces.",
                "Asks the relay's admin endpoint, found like 'serve' places it (same settings, same data directory)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed (whatever the relay's health; 'hive-relay health' is for monitoring)",
                "1:no answer from the relay, or the admin secret does not match; the line says which",
                "2:usage error"})
public final class StatusCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print the admin snapshot as JSON (the one shape 'top' and scripts read)")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AdminClient client = AdminClient.forSettings(ConsoleSettings.resolve(spec))) {
            if (json) {
                out.println(client.statsJson(true));
            } else {
                out.print(new StatusView(Terminals.colorAllowed(), Terminals.unicodeAllowed())
                        .render(client.snapshot(true)));
            }
        }
        out.flush();
        return 0;
    }
}
