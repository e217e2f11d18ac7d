package dev.hive.relay.cli;

import dev.hive.relay.config.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** main reads plain 'serve' flags without picocli exactly as picocli does, and leaves the rest to picocli. */
@Timeout(120)
class ServeFastPathTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheFlagsAsPicocliDoes() {
        List<List<String>> cases = new ArrayList<>(List.of(
                List.of(),
                List.of("--config", "relay.yaml"),
                List.of("--config=relay.yaml"),
                List.of("--config", "/etc/hive relay/x=y.yaml", "--data-dir", "d"),
                List.of("--admin-unsafe-allow-non-loopback"),
                List.of("--admin-unsafe-allow-non-loopback=true"),
                List.of("--admin-unsafe-allow-non-loopback=false"),
                List.of("--admin-unsafe-allow-non-loopback", "--port", "1"),
                List.of("--admin-unsafe-allow-non-loopback", "--config=f"),
                List.of("--admin-addr", "0.0.0.0:9", "--admin-unsafe-allow-non-loopback"),
                List.of("--port", "1", "--addr", "127.0.0.1:2"),
                List.of("--addr", "a=b", "--data-dir= spaced ", "--access-tokens", "\"quoted\",x"),
                List.of("--addr", "serve", "--store", "help"),
                List.of("--max-sse", "abc", "--push-rate=1.5", "--read-timeout", "1m")));
        List<String> spaced = new ArrayList<>();
        List<String> joined = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            boolean optional = setting == Setting.ADMIN_UNSAFE_NON_LOOPBACK;
            String value = optional ? "false" : "v-" + setting.key();
            List<String> apart = optional ? List.of("--" + setting.key()) : List.of("--" + setting.key(), value);
            spaced.addAll(apart);
            joined.add("--" + setting.key() + "=" + value);
            cases.add(apart);
            cases.add(List.of("--" + setting.key() + "=" + value));
        }
        cases.add(spaced);
        cases.add(joined);
        for (List<String> flags : cases) {
            String[] args = serve(flags);
            SettingFlags fast = SettingFlags.parseServe(args);
            assertNotNull(fast, flags.toString());
            assertEquals(picocli(args), fast, flags.toString());
        }
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (List<String> flags : List.of(
                List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"),
                List.of("--data-dir", "d", "--help"), List.of("-hV"),
                List.of("--bogus"), List.of("--bogus=1"), List.of("--ADDR", "x"), List.of("--add", "x"),
                List.of("extra"), List.of("@args.txt"), List.of("--"), List.of("--", "--addr", "x"),
                List.of("--addr", "x", "--"), List.of("-addr", "x"), List.of("--=x"),
                List.of("--addr"), List.of("--config"), List.of("--addr", "--port", "1"), List.of("--addr", "--bogus"),
                List.of("--addr=--port"), List.of("--push-rate", "-1"), List.of("--addr="), List.of("--addr", ""),
                List.of("--config="), List.of("--addr", "@args.txt"), List.of("--addr=@args.txt"),
                List.of("--config", "a\0b"),
                List.of("--addr", "x", "--addr", "y"), List.of("--addr", "x", "--addr=x"),
                List.of("--config", "a", "--config=b"),
                List.of("--admin-unsafe-allow-non-loopback", "false"),
                List.of("--admin-unsafe-allow-non-loopback", "--bogus"),
                List.of("--admin-unsafe-allow-non-loopback", "-h"),
                List.of("--admin-unsafe-allow-non-loopback=maybe"),
                List.of("--admin-unsafe-allow-non-loopback=yes"),
                List.of("--admin-unsafe-allow-non-loopback="),
                List.of("--admin-unsafe-allow-non-loopback", "--admin-unsafe-allow-non-loopback"))) {
            assertNull(SettingFlags.parseServe(serve(flags)), flags.toString());
        }
        assertNull(SettingFlags.parseServe(new String[0]));
        assertNull(SettingFlags.parseServe(new String[] {"status"}));
        assertNull(SettingFlags.parseServe(new String[] {"Serve"}));
    }

    @Test
    void picocliPropertiesSendServeToPicocli() {
        System.setProperty("picocli.trimQuotes", "true");
        try {
            assertNull(SettingFlags.parseServe(serve(List.of("--addr", "\"x:1\""))));
        } finally {
            System.clearProperty("picocli.trimQuotes");
        }
        assertNotNull(SettingFlags.parseServe(serve(List.of("--addr", "\"x:1\""))));
    }

    @Test
    void mainFallsBackToPicocliForHelpVersionAndUsageErrors() {
        for (List<String> flags : List.of(List.of("--help"), List.of("-V"), List.of("--bogus"), List.of("extra"),
                List.of("--addr"), List.of("--addr", "x", "--addr", "y"),
                List.of("--admin-unsafe-allow-non-loopback", "maybe"))) {
            String[] args = serve(flags);
            assertNull(SettingFlags.parseServe(args), flags.toString());
            assertEquals(run(args, false), run(args, true), flags.toString());
        }
    }

    @Test
    void failuresOnTheFastPathMatchPicocli() throws Exception {
        String dir = tmp.resolve("data").toString();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (List<String> flags : List.of(
                    List.of("--max-sse=lots", "--data-dir", dir),
                    List.of("--config", tmp.resolve("missing.yaml").toString()),
                    List.of("--port", "1", "--addr", "127.0.0.1:2"),
                    List.of("--admin-addr", "10.1.2.3:9", "--data-dir", dir),
                    List.of("--store", "memory", "--data-dir", dir, "--token-pubkey", "not-a-key",
                            "--addr", "127.0.0.1:0", "--admin-addr", "127.0.0.1:0"),
                    List.of("--store", "memory", "--data-dir", dir, "--addr", "127.0.0.1:" + taken.getLocalPort(),
                            "--admin-addr", "127.0.0.1:0"))) {
                String[] args = serve(flags);
                assertNotNull(SettingFlags.parseServe(args), flags.toString());
                String picocli = run(args, false);
                assertEquals(picocli, run(args, true), flags.toString());
                assertTrue(picocli.startsWith("1\n") && picocli.contains("\nhive-relay: "), picocli);
            }
        }
    }

    /** Exit code, stdout and stderr of main's dispatch, or of picocli's serve tree alone. */
    private static String run(String[] args, boolean main) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        int code = main ? HiveRelay.execute(args, outWriter, errWriter)
                : CommandTree.newServeCommandLine(outWriter, errWriter).execute(args);
        // The store's load time is the one thing that differs from run to run.
        return code + "\n" + out + "\n---\n" + err.toString().replaceAll("envelopes in \\d+ ms", "envelopes in N ms");
    }

    /** What picocli parses the arguments into, as the serve command reads its options. */
    private static SettingFlags picocli(String[] args) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        CommandLine.ParseResult serve = CommandTree.newServeCommandLine(nowhere, nowhere).parseArgs(args).subcommand();
        assertFalse(serve.isUsageHelpRequested() || serve.isVersionHelpRequested(), String.join(" ", args));
        return SettingOptions.flags(serve.commandSpec());
    }

    private static String[] serve(List<String> flags) {
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(flags);
        return args.toArray(String[]::new);
    }
}
