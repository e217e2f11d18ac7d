package dev.hive.relay.cli.deploy;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell commands of README.md and docs/self-hosting.md, run as written so the docs cannot
 * rot. The rules, which the pages follow:
 *
 * <ul>
 *   <li>{@code sh} blocks are run, in page order, in one bash session per page (variables and
 *       files carry over from block to block), with {@code set -euo pipefail}, from a scratch
 *       directory where {@code bin/} is this checkout's {@code bin/}.</li>
 *   <li>A block whose one command line is {@code [VAR=value …] bin/hive-relay serve …} starts the
 *       relay: it runs in the background until the next such block or the end of the page, and the
 *       blocks after it run once it answers /v1/health; it must then stop on SIGTERM with exit 0.</li>
 *   <li>{@code console} (and every other) blocks are not run: they need root, Docker, DNS or
 *       systemd, they are placeholders, or they are the build itself.</li>
 *   <li>A block that uses a {@code hive-relay} command this build does not have yet is skipped
 *       (and reported as skipped).</li>
 * </ul>
 *
 * <p>So that the pages can say {@code localhost:8443} while other builds share this machine, the
 * ports 8443 and 8444 in the blocks become free ports, the relay's default addresses are set to
 * them on loopback, and HOME is a scratch directory.
 */
class DocCommandsIT {

    private static final List<String> PAGES = List.of("README.md", "docs/self-hosting.md");
    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");
    private static final Pattern SERVER = Pattern.compile(
            "^((?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*)(bin/hive-relay serve(?:\\s.*)?)$");
    private static final Pattern COMMAND = Pattern.compile("(?:^|[\\s;&|(])(?:bin/)?hive-relay\\s+([a-z][a-z-]*)");

    private final Map<String, Boolean> commandAvailable = new HashMap<>();

    @TempDir
    Path scratch;

    record Block(String page, int line, String text, boolean server, Set<String> commands) {
        String where() {
            return page + ":" + line;
        }
    }

    @TestFactory
    List<DynamicNode> pages() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (String page : PAGES) {
            List<Block> blocks = blocks(page);
            List<DynamicNode> tests = new ArrayList<>();
            List<Block> runnable = new ArrayList<>();
            for (Block block : blocks) {
                List<String> missing = block.commands().stream().filter(c -> !available(c)).toList();
                if (missing.isEmpty()) {
                    runnable.add(block);
                } else {
                    tests.add(DynamicTest.dynamicTest("skipped " + block.where(), () -> {
                        throw new TestAbortedException(block.where() + " uses 'hive-relay " + String.join("', '",
                                missing) + "', which this build does not have yet");
                    }));
                }
            }
            tests.addFirst(DynamicTest.dynamicTest("runs " + runnable.size() + " blocks of " + page,
                    () -> run(page, runnable)));
            nodes.add(DynamicContainer.dynamicContainer(page, tests));
        }
        return nodes;
    }

    /** The sh blocks of a page. */
    static List<Block> blocks(String page) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = Repo.read(page).split("\n", -1);
        String language = null;
        int start = 0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (language == null && fence.matches()) {
                language = fence.group(1);
                start = i + 2;
                text.setLength(0);
            } else if (language != null && lines[i].strip().equals("```")) {
                if (language.equals("sh")) {
                    blocks.add(block(page, start, text.toString()));
                }
                language = null;
            } else if (language != null) {
                text.append(lines[i]).append('\n');
            }
        }
        return blocks;
    }

    private static Block block(String page, int line, String text) {
        List<String> commandLines = text.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).toList();
        boolean server = commandLines.stream().anyMatch(l -> SERVER.matcher(l.strip()).matches());
        if (server && commandLines.size() != 1) {
            throw new AssertionError(page + ":" + line + ": a block that starts the relay must hold only that line");
        }
        Set<String> commands = new LinkedHashSet<>();
        Matcher m = COMMAND.matcher(text);
        while (m.find()) {
            commands.add(m.group(1));
        }
        return new Block(page, line, text, server, commands);
    }

    private boolean available(String command) {
        return commandAvailable.computeIfAbsent(command, c -> {
            try {
                Path dir = Files.createDirectories(scratch.resolve("help"));
                Launched.Finished help = Launched.run(List.of(Repo.file("bin/hive-relay").toString(), c, "--help"),
                        baseEnvironment(dir, 0, 0), dir, dir, "help-" + c, Duration.ofSeconds(120));
                return help.isHelpOf(c);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void run(String page, List<Block> blocks) throws Exception {
        assertTrue(blocks.stream().anyMatch(Block::server), page + " starts a relay in an sh block");
        String name = page.replace('/', '-').replace(".md", "");
        Path work = Files.createDirectories(scratch.resolve(name));
        Files.createSymbolicLink(work.resolve("bin"), Repo.file("bin"));
        Path logs = Files.createDirectories(scratch.resolve(name + "-logs"));
        int port = Launched.freePort();
        int adminPort = Launched.freePort();
        Path script = work.resolve(".doc-commands.sh");
        Files.writeString(script, script(page, blocks, port, adminPort, logs));
        Map<String, String> env = baseEnvironment(work, port, adminPort);
        env.put("LOGS", logs.toString());
        env.put("P", String.valueOf(port));
        try (Launched bash = Launched.start(List.of("bash", script.toString()), env, work, logs, "session");
             AutoCloseable unlink = () -> Files.deleteIfExists(work.resolve("bin"))) {
            int exit;
            try {
                exit = waitFor(bash, Duration.ofMinutes(5));
            } finally {
                bash.close();
            }
            System.out.println("=== " + page + "\n" + bash.stdout() + "--- stderr\n" + bash.stderr());
            assertEquals(0, exit, page + ": a block failed (the last '### block' line names it)\n" + bash.tails()
                    + relayLogs(logs));
            assertEquals(blocks.size(), bash.stdout().lines().filter(l -> l.startsWith("### block ")).count(),
                    "every block ran");
            assertTrue(bash.stdout().contains("### done"), bash.tails());
        }
    }

    /** The page's blocks as one bash script, with the relay blocks run in the background. */
    static String script(String page, List<Block> blocks, int port, int adminPort, Path logs) {
        StringBuilder s = new StringBuilder();
        s.append("""
                set -euo pipefail
                relay_pid=""
                relay_n=0
                relay_stop() {
                  [ -n "$relay_pid" ] || return 0
                  kill -TERM "$relay_pid"
                  local status=0
                  wait "$relay_pid" || status=$?
                  relay_pid=""
                  if [ "$status" -ne 0 ]; then echo "the relay exited with $status after SIGTERM" >&2; return 1; fi
                }
                relay_start() {
                  relay_stop
                  relay_n=$((relay_n + 1))
                  eval "$1" >"$LOGS/relay-$relay_n.out" 2>"$LOGS/relay-$relay_n.err" &
                  relay_pid=$!
                  for _ in $(seq 1 900); do
                    if curl -fsS -o /dev/null "http://127.0.0.1:$P/v1/health" 2>/dev/null; then return 0; fi
                    kill -0 "$relay_pid" 2>/dev/null || { echo "the relay did not start" >&2; return 1; }
                    sleep 0.1
                  done
                  echo "the relay was not healthy within 90 s" >&2
                  return 1
                }
                trap '[ -z "$relay_pid" ] || kill -KILL "$relay_pid" 2>/dev/null || true' EXIT
                """);
        for (Block block : blocks) {
            String text = block.text().replaceAll("\\b8443\\b", String.valueOf(port))
                    .replaceAll("\\b8444\\b", String.valueOf(adminPort));
            s.append("printf '\\n### block %s\\n' ").append(quote(block.where())).append('\n');
            if (block.server()) {
                String line = text.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).findFirst()
                        .orElseThrow().strip();
                Matcher m = SERVER.matcher(line);
                if (!m.matches()) {
                    throw new AssertionError(line);
                }
                // exec, so that $! is the relay itself (bin/hive-relay execs the JVM) and SIGTERM reaches it.
                s.append("relay_start ").append(quote(m.group(1) + "exec " + m.group(2))).append('\n');
            } else {
                s.append(text);
                if (!text.endsWith("\n")) {
                    s.append('\n');
                }
            }
        }
        s.append("printf '\\n### stopping the relay\\n'\nrelay_stop\necho '### done'\n");
        return s.toString();
    }

    private Map<String, String> baseEnvironment(Path dir, int port, int adminPort) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String keep : List.of("PATH", "JAVA_HOME", "LANG", "TMPDIR", "TERM")) {
            String value = System.getenv(keep);
            if (value != null) {
                env.put(keep, value);
            }
        }
        env.putIfAbsent("JAVA_HOME", Repo.javaHome().toString());
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        env.put("NO_COLOR", "1");
        if (port > 0) {
            env.put("HIVE_RELAY_ADDR", "127.0.0.1:" + port);
            env.put("HIVE_RELAY_ADMIN_ADDR", "127.0.0.1:" + adminPort);
        }
        return env;
    }

    private static int waitFor(Launched process, Duration timeout) {
        return process.terminateAfter(timeout);
    }

    private static String relayLogs(Path logs) throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("relay-")).sorted().toList()) {
                out.append("\n--- ").append(file.getFileName()).append('\n')
                        .append(Launched.tail(Files.readString(file)));
            }
        }
        return out.toString();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
