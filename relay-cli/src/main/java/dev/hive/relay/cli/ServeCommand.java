package dev.hive.relay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code hive-relay serve}: runs the relay until SIGTERM or Ctrl-C, then stops gracefully and exits 0. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Run the relay (what systemd and the container run).",
                "Settings: flags > environment > hive-relay.yaml > defaults; the effective ones are printed at start."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C after a graceful shutdown",
                "1:could not start (a setting, the store, or the port); the line says which",
                "2:usage error"})
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return Serve.run(SettingOptions.resolve(spec, System.getenv()), spec.commandLine().getErr());
    }
}
