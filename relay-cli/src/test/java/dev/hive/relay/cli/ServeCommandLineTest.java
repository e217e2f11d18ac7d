package dev.hive.relay.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The serve-only tree main() uses for start-up speed behaves as 'serve' in the full tree. */
class ServeCommandLineTest {

    @Test
    void helpIsTheSame() {
        assertEquals(run(CommandTree::newCommandLine, "serve", "--help"),
                run(CommandTree::newServeCommandLine, "serve", "--help"));
    }

    @Test
    void usageErrorsAreTheSame() {
        assertEquals(run(CommandTree::newCommandLine, "serve", "--bogus"),
                run(CommandTree::newServeCommandLine, "serve", "--bogus"));
        assertEquals(run(CommandTree::newCommandLine, "serve", "extra"),
                run(CommandTree::newServeCommandLine, "serve", "extra"));
        assertEquals(run(CommandTree::newCommandLine, "serve", "--addr"),
                run(CommandTree::newServeCommandLine, "serve", "--addr"));
    }

    private static String run(BiFunction<PrintWriter, PrintWriter, CommandLine> tree, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = tree.apply(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return code + "\n" + out + "\n---\n" + err;
    }
}
