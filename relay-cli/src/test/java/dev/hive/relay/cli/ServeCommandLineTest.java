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
        assertEquals(run(HiveRelay::newCommandLine, "serve", "--help"),
                run(HiveRelay::newServeCommandLine, "serve", "--help"));
    }

    @Test
    void usageErrorsAreTheSame() {
        assertEquals(run(HiveRelay::newCommandLine, "serve", "--bogus"),
                run(HiveRelay::newServeCommandLine, "serve", "--bogus"));
        assertEquals(run(HiveRelay::newCommandLine, "serve", "extra"),
                run(HiveRelay::newServeCommandLine, "serve", "extra"));
        assertEquals(run(HiveRelay::newCommandLine, "serve", "--addr"),
                run(HiveRelay::newServeCommandLine, "serve", "--addr"));
    }

    private static String run(BiFunction<PrintWriter, PrintWriter, CommandLine> tree, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = tree.apply(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return code + "\n" + out + "\n---\n" + err;
    }
}
