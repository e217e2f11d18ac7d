package dev.hive.relay.cli;

import dev.hive.relay.cli.admin.AdminClient;
import dev.hive.relay.cli.admin.AdminException;
import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.stats.RelaySnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code hive-relay health}: a monitoring plugin (Nagios, Icinga, Sensu, cron) for the running relay. */
@Command(name = "health",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        modelTransformer = ConsoleSettings.class,
        description = {"Check the running relay for monitoring: one line on stdout in the Nagios plugin format "
                + "(status, summary, '|' perfdata), and the state as the exit code.",
                "The verdict is the relay's deep health (store writable, listeners up, queue memory under budget) "
                        + "plus the queue thresholds given here, compared with the payload bytes queued."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:OK",
                "1:WARNING: a warning from the relay, or queued bytes reach --warn-queue-bytes",
                "2:CRITICAL: no relay answering, the relay reports a critical problem, or queued bytes reach "
                        + "--crit-queue-bytes",
                "3:UNKNOWN: usage error, unreadable or wrong admin secret, or something else answers on the admin "
                        + "address"})
public final class HealthCommand implements Callable<Integer>, UsageErrorHandler.HasUsageExitCode {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--warn-queue-bytes", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "WARNING when the payload bytes queued reach this (e.g. 256MiB)")
    private Long warnQueueBytes;

    @Option(names = "--crit-queue-bytes", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "CRITICAL when the payload bytes queued reach this (e.g. 1GiB)")
    private Long critQueueBytes;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Span.class, defaultValue = "5s",
            description = "give up after this long and report the relay down (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Override
    public int usageExitCode() {
        return HealthCheck.UNKNOWN;
    }

    @Override
    public Integer call() {
        if (timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be more than zero");
        }
        if (warnQueueBytes != null && critQueueBytes != null && warnQueueBytes > critQueueBytes) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--warn-queue-bytes must not be above --crit-queue-bytes");
        }
        HealthCheck.Result result = check();
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.line());
        out.flush();
        return result.exitCode();
    }

    private HealthCheck.Result check() {
        ResolvedSettings resolved;
        try {
            resolved = ConsoleSettings.resolve(spec);
        } catch (RuntimeException e) {
            return HealthCheck.without(HealthCheck.UNKNOWN, String.valueOf(e.getMessage()));
        }
        RelaySnapshot snapshot;
        try (AdminClient client = AdminClient.forSettings(resolved, timeout)) {
            snapshot = client.snapshot(false);
        } catch (AdminException e) {
            int state = switch (e.kind()) {
                case NOT_RUNNING, TIMEOUT -> HealthCheck.CRITICAL;
                default -> HealthCheck.UNKNOWN;
            };
            return HealthCheck.without(state, e.getMessage());
        } catch (RuntimeException e) {
            return HealthCheck.without(HealthCheck.UNKNOWN, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return HealthCheck.evaluate(snapshot, warnQueueBytes, critQueueBytes);
    }
}
