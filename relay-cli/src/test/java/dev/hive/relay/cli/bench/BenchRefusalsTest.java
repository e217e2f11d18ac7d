package dev.hive.relay.cli.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nonsense is refused before any load: one line naming the fix. */
class BenchRefusalsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "health --connections 0                     | --connections must be 1 to",
            "push --size -5                              | --size: '-5' is not a byte count",
            "push --size 50                              | is smaller than a minimal sealed envelope; use --size 88",
            "frobnicate                                  | unknown scenario 'frobnicate'; choose one of health, push",
            "health --url https://relay.example.org      | is not an http:// URL",
            "health --url ftp://127.0.0.1:1              | is not an http:// URL",
            "push --requests 0 --duration 0              | would never stop",
            "push --rooms -1                             | --rooms must be 1 to",
            "push --prefill 10                           | --prefill does not apply to the push scenario",
            "pull --mode sideways                        | --mode must be tail or catchup",
            "streams --duration 0                        | streams holds its streams for --duration",
            "health --duration soon                      | --duration: 'soon' is not a duration",
    })
    void refusesNonsenseWithExitCode2(String args, String expected) {
        String[] argv = ("bench " + args.strip() + " --url-placeholder").split("\\s+");
        String[] withUrl = withDeadUrl(argv);
        TestRelay.Run run = TestRelay.cli(withUrl);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("hive-relay: ") && run.err().contains(expected.strip()), run.err());
    }

    @Test
    void namesTheMissingRelay() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        TestRelay.Run run = TestRelay.cli("bench", "push", "--url", url, "--requests", "10", "--no-progress");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("hive-relay: no relay at " + url + ": connection refused; start one with 'hive-relay serve'"
                + System.lineSeparator(), run.err());
    }

    /** Refusals must come before any connection: point them at a port nothing listens on. */
    private static String[] withDeadUrl(String[] argv) {
        boolean hasUrl = false;
        for (String arg : argv) {
            hasUrl |= arg.equals("--url");
        }
        String[] out = new String[argv.length + (hasUrl ? -1 : 1)];
        int at = 0;
        for (String arg : argv) {
            if (arg.equals("--url-placeholder")) {
                if (!hasUrl) {
                    out[at++] = "--url";
                    out[at++] = "http://127.0.0.1:9";
                }
            } else {
                out[at++] = arg;
            }
        }
        return out;
    }
}
