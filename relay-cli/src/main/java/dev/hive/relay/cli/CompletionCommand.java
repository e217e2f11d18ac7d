package dev.hive.relay.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code hive-relay completion}: the shell completion script, generated from the command model. */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Print a completion script for bash (also works in zsh with bashcompinit), generated from "
                + "the commands and options of this version.",
                "Load it in the current shell:   source <(hive-relay completion)",
                "Install it for every shell:     hive-relay completion > /etc/bash_completion.d/hive-relay"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:usage error"})
public final class CompletionCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("hive-relay", spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
