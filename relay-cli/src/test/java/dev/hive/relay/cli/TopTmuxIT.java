package dev.hive.relay.cli;

import dev.hive.relay.admin.AdminSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code hive-relay top} from the packaged jar on a real terminal: an 80x24 tmux pane, with
 * {@code serve} from the same jar in another process. Runs in the integration-test phase; skipped
 * only when tmux is not installed. Each test has its own tmux server (a private socket), so it
 * never touches the user's sessions.
 */
class TopTmuxIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final List<String> ROOMS = List.of("design-team", "ops-oncall");
    private static final long DEADLINE_SECONDS = 20;

    private static Path jar;

    @TempDir
    Path tmp;

    private final String socket = "hive-top-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final String session = "top";
    private final List<Process> children = new ArrayList<>();
    private final AtomicBoolean trafficOn = new AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Thread traffic;

    @BeforeAll
    static void findJarAndTmux() throws InterruptedException {
        String property = System.getProperty("hive.relay.jar");
        assumeTrue(property != null, "runs in the integration-test phase, against the packaged jar");
        jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar);
        boolean tmux;
        try {
            Process version = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            version.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            tmux = version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            tmux = false;
        }
        assumeTrue(tmux, "tmux is not installed");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        trafficOn.set(false);
        if (traffic != null) {
            traffic.join(5_000);
        }
        try {
            tmux("kill-server");
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        http.close();
    }

    @Test
    void showsTheRelayLiveAndRestoresTheTerminalOnQ() throws Exception {
        Path data = tmp.resolve("data");
        Relay relay = serve(data, "127.0.0.1:0");
        startTraffic(relay.publicPort);
        Path exitFile = startTop(data);

        String screen = waitForScreen("the room ids", s -> ROOMS.stream().allMatch(s::contains));
        List<String> lines = screen.lines().toList();
        assertTrue(lines.get(0).matches("hive-relay 0\\.1\\.0 +up .+ +gate open +every 250ms"), screen);
        assertTrue(lines.get(1).matches("health OK +listen public 127\\.0\\.0\\.1:" + relay.publicPort
                + " +admin 127\\.0\\.0\\.1:" + relay.adminPort), screen);
        assertTrue(screen.lines().anyMatch(l -> l.startsWith("WORKSPACE ")), screen);
        assertTrue(screen.lines().anyMatch(l -> l.startsWith("q quit")), screen);
        assertEquals("1", tmux("display-message", "-p", "-t", session, "#{alternate_on}").strip(),
                "top draws on the alternate screen");

        // The first frame has one snapshot ("measuring…"); from the second on, the rates are figures.
        // (A capture can catch a frame half drawn, so wait for a whole one.)
        waitForScreen("every rate as a figure", s -> s.lines().anyMatch(l -> l.matches("requests +[0-9.]+/s .*"))
                && s.lines().anyMatch(l -> l.matches("bytes in +[0-9.]+ ?[KMG]?i?B/s .*")) && !s.contains("measuring"));

        tmux("send-keys", "-t", session, "q");
        waitFor("top to exit", () -> exitCode(exitFile) != null);
        assertEquals("TOP-EXIT=0", exitCode(exitFile));
        assertEquals("0", tmux("display-message", "-p", "-t", session, "#{alternate_on}").strip(),
                "the alternate screen is left");
        String after = capture();
        assertFalse(after.contains("WORKSPACE") || after.contains("design-team"), "the console is gone:\n" + after);
        assertEquals("1", tmux("display-message", "-p", "-t", session, "#{cursor_flag}").strip(),
                "the cursor is visible again");
    }

    @Test
    void saysUnreachableWhileTheRelayIsDownAndRecoversAfterARestart() throws Exception {
        Path data = tmp.resolve("data");
        Relay relay = serve(data, "127.0.0.1:0");
        startTraffic(relay.publicPort);
        Path exitFile = startTop(data);
        waitForScreen("the room ids", s -> ROOMS.stream().allMatch(s::contains));
        String firstSecret = AdminSecret.read(data);

        trafficOn.set(false);
        traffic.join(5_000);
        relay.process.toHandle().destroy();
        assertTrue(relay.process.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
        String down = waitForScreen("the unreachable notice", s -> s.contains("relay unreachable"));
        assertTrue(down.contains("(connection refused"), down);
        // The last known rooms stay on screen, marked as old data.
        assertTrue(ROOMS.stream().allMatch(down::contains), down);

        Relay again = serve(data, "127.0.0.1:" + relay.adminPort);
        assertFalse(firstSecret.equals(AdminSecret.read(data)), "the restarted relay has a new secret");
        String back = waitForScreen("the relay again", s -> !s.contains("relay unreachable")
                && ROOMS.stream().allMatch(s::contains) && s.contains("admin 127.0.0.1:" + again.adminPort));
        assertTrue(back.lines().findFirst().orElseThrow().startsWith("hive-relay 0.1.0"), back);

        // Ctrl-C reaches top as a key (the terminal is raw), so it quits cleanly like q.
        tmux("send-keys", "-t", session, "C-c");
        waitFor("top to exit", () -> exitCode(exitFile) != null);
        assertEquals("TOP-EXIT=0", exitCode(exitFile));
        assertEquals("0", tmux("display-message", "-p", "-t", session, "#{alternate_on}").strip());
    }

    // --- the relay

    private record Relay(Process process, int publicPort, int adminPort) {
    }

    /** {@code serve} from the jar on an ephemeral public port; waits until both listeners are up. */
    private Relay serve(Path data, String adminAddr) throws Exception {
        Path log = tmp.resolve("serve-" + children.size() + ".err");
        Process process = java(List.of("serve", "--data-dir", data.toString(), "--addr", "127.0.0.1:0",
                "--admin-addr", adminAddr))
                .redirectError(log.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        children.add(process);
        int[] publicPort = new int[1];
        waitFor("serve to listen (log " + log + ")", () -> {
            assertTrue(process.isAlive(), () -> "serve exited early:\n" + read(log));
            Matcher matcher = LISTENING.matcher(read(log));
            if (matcher.find()) {
                publicPort[0] = Integer.parseInt(matcher.group(1));
                return true;
            }
            return false;
        });
        int adminPort = Integer.parseInt(AdminSecret.recordedAddress(data).orElseThrow().replaceAll(".*:", ""));
        return new Relay(process, publicPort[0], adminPort);
    }

    /** A few envelopes into each room, then a slow trickle while the test watches. */
    private void startTraffic(int port) throws Exception {
        for (String room : ROOMS) {
            for (int n = 0; n < 3; n++) {
                post(port, room, n);
            }
        }
        trafficOn.set(true);
        traffic = Thread.ofVirtual().start(() -> {
            int n = 3;
            while (trafficOn.get()) {
                try {
                    for (String room : ROOMS) {
                        post(port, room, n);
                    }
                    n++;
                    Thread.sleep(100);
                } catch (IOException e) {
                    // the relay is being stopped; the test decides what that means
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void post(int port, String room, int n) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/workspaces/" + room + "/envelopes"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + n + ",\"room\":\"" + room + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST to " + room + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    // --- top in tmux

    /** Runs top in an 80x24 pane; the shell writes its exit code to the returned file and keeps the pane. */
    private Path startTop(Path data) throws Exception {
        Path exitFile = tmp.resolve("top.exit");
        String command = quote(javaBin()) + " -jar " + quote(jar.toString()) + " top --data-dir "
                + quote(data.toString()) + " --delay 250ms; echo TOP-EXIT=$? > " + quote(exitFile.toString())
                + "; exec sleep 300";
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command);
        return exitFile;
    }

    private String capture() throws Exception {
        return tmux("capture-pane", "-p", "-t", session);
    }

    private String waitForScreen(String what, Predicate<String> wanted) throws Exception {
        String[] last = {""};
        try {
            waitFor(what + " on screen", () -> {
                last[0] = capture();
                return wanted.test(last[0]);
            });
        } catch (AssertionError e) {
            fail(e.getMessage() + "; the pane shows:\n" + last[0]);
        }
        return last[0];
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-u", "-L", socket));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        cleanEnvironment(builder.environment());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("tmux " + String.join(" ", args) + " hangs");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private static String exitCode(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            return null;
        }
    }

    // --- plumbing

    @FunctionalInterface
    private interface Condition {
        boolean met() throws Exception;
    }

    /** Polls until the condition holds; generous, since a loaded 2-core machine starts JVMs slowly. */
    private static void waitFor(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + DEADLINE_SECONDS + " s");
            }
            Thread.sleep(100);
        }
    }

    private ProcessBuilder java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        cleanEnvironment(builder.environment());
        return builder;
    }

    /** No settings from the developer's shell; a UTF-8 locale, as on an operator's SSH session. */
    private static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("HIVE_RELAY_") || name.equals("NO_COLOR")
                || name.startsWith("LC_") || name.equals("TMUX") || name.equals("COLUMNS") || name.equals("LINES"));
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "xterm-256color");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
