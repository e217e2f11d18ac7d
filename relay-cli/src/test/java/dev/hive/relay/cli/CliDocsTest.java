package dev.hive.relay.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages in docs/cli carry each command's usage as the command model renders it, so they cannot
 * drift from the code. To refresh them after changing a command:
 * {@code ./mvnw -pl relay-cli test -Dtest=CliDocsTest -Dhive.docs.update=true}.
 */
class CliDocsTest {

    /** {@code <!-- usage: hive-relay tokens add -->} then a fenced text block. */
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- usage: (hive-relay(?: [a-z-]+)*) -->\\n```text\\n(.*?)```", Pattern.DOTALL);

    private static final Path DOCS = findDocs();

    @Test
    void everyUsageBlockMatchesTheCommandModel() throws IOException {
        boolean update = Boolean.getBoolean("hive.docs.update");
        List<String> stale = new ArrayList<>();
        Set<String> documented = new LinkedHashSet<>();
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(page, StandardCharsets.UTF_8);
                Matcher m = BLOCK.matcher(text);
                StringBuilder rewritten = new StringBuilder();
                while (m.find()) {
                    String command = m.group(1);
                    documented.add(command);
                    String usage = usage(command);
                    if (!usage.equals(m.group(2))) {
                        stale.add(page.getFileName() + ": " + command);
                    }
                    m.appendReplacement(rewritten, Matcher.quoteReplacement(
                            "<!-- usage: " + command + " -->\n```text\n" + usage + "```"));
                }
                m.appendTail(rewritten);
                if (update && !rewritten.toString().equals(text)) {
                    Files.writeString(page, rewritten.toString(), StandardCharsets.UTF_8);
                }
            }
        }
        if (!update) {
            assertEquals(List.of(), stale, "stale usage in docs/cli; refresh with "
                    + "-Dtest=CliDocsTest -Dhive.docs.update=true");
        }
        // Each command of this build has its usage in the docs (commands merged from elsewhere need at least a page).
        for (String command : allCommands()) {
            String top = command.split(" ")[1];
            assertTrue(documented.contains(command) || Files.exists(DOCS.resolve(top + ".md")),
                    "no docs/cli page documents '" + command + "'");
        }
        for (String own : List.of("serve", "status", "health", "tokens", "tokens add", "tokens list", "tokens remove",
                "tokens rotate", "backup", "keygen", "issue", "completion", "top", "bench")) {
            assertTrue(documented.contains("hive-relay " + own), "no usage block for " + own);
        }
    }

    @Test
    void theIndexLinksEveryPage() throws IOException {
        String index = Files.readString(DOCS.resolve("README.md"));
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (String page : pages.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".md") && !name.equals("README.md")).toList()) {
                assertTrue(index.contains("(" + page + ")"), "docs/cli/README.md does not link " + page);
            }
        }
    }

    /** The usage as {@code hive-relay … --help} prints it without colour, trailing spaces trimmed. */
    static String usage(String command) {
        CommandLine cli = CommandTree.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        String[] words = command.split(" ");
        for (int i = 1; i < words.length; i++) {
            cli = cli.getSubcommands().get(words[i]);
            if (cli == null) {
                throw new AssertionError("no command '" + command + "'");
            }
        }
        return cli.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().map(String::stripTrailing)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static List<String> allCommands() {
        List<String> names = new ArrayList<>();
        collect(CommandTree.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                names);
        return names;
    }

    private static void collect(CommandLine cli, List<String> names) {
        for (CommandLine sub : cli.getSubcommands().values().stream().distinct().toList()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            names.add(sub.getCommandSpec().qualifiedName());
            collect(sub, names);
        }
    }

    private static Path findDocs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/cli"))) {
                return dir.resolve("docs/cli");
            }
        }
        throw new AssertionError("no docs/cli above " + Path.of("").toAbsolutePath());
    }
}
