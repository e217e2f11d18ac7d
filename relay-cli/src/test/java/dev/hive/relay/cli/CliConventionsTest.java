package dev.hive.relay.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every command shares: --help, --version, one-line usage errors, the completion script. */
class CliConventionsTest {

    @Test
    void everyCommandHasHelpAndVersion() {
        List<String> commands = CliDocsTest.allCommands();
        assertTrue(commands.containsAll(List.of("hive-relay status", "hive-relay health", "hive-relay tokens",
                "hive-relay tokens add", "hive-relay tokens list", "hive-relay tokens remove",
                "hive-relay tokens rotate", "hive-relay backup", "hive-relay completion", "hive-relay top")), commands.toString());
        for (String command : commands) {
            String[] words = command.substring("hive-relay ".length()).split(" ");
            TestRelay.Result help = TestRelay.run(append(words, "--help"));
            assertEquals(0, help.exit(), command + " --help\n" + help);
            assertTrue(help.out().startsWith("Usage: " + command), help.out());
            assertEquals("", help.err());
            TestRelay.Result version = TestRelay.run(append(words, "--version"));
            assertEquals(0, version.exit(), command + " --version\n" + version);
            assertTrue(version.out().startsWith("hive-relay "), version.out());
        }
        TestRelay.Result root = TestRelay.run();
        assertEquals(0, root.exit());
        assertTrue(root.out().startsWith("Usage: hive-relay"), root.out());
    }

    @Test
    void usageErrorsAreOneLineAndAPointerToHelp() {
        for (String[] args : new String[][] {{"status", "--bogus"}, {"tokens", "add", "--expires", "soon"},
                {"backup"}, {"tokens", "frobnicate"}, {"completion", "zsh"}, {"nope"}}) {
            TestRelay.Result result = TestRelay.run(args);
            assertEquals(2, result.exit(), String.join(" ", args) + "\n" + result);
            assertEquals("", result.out());
            List<String> lines = result.err().lines().toList();
            assertEquals(2, lines.size(), result.err());
            assertTrue(lines.get(0).startsWith("hive-relay: "), result.err());
            assertTrue(lines.get(1).startsWith("Try 'hive-relay") && lines.get(1).endsWith(" --help' for the options."),
                    result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void completionIsGeneratedFromTheCommandModel() {
        TestRelay.Result completion = TestRelay.run("completion");
        assertEquals(0, completion.exit(), completion.toString());
        String script = completion.out();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script.substring(0, 40));
        assertTrue(script.contains("complete -F _complete_hive-relay"), "registers the completion function");
        for (String word : List.of("status", "health", "tokens", "rotate", "backup", "serve", "--warn-queue-bytes",
                "--crit-queue-bytes", "--grace", "--data-dir", "--admin-addr", "--max-envelopes")) {
            assertTrue(script.contains(word), "completion lacks " + word);
        }
    }

    private static String[] append(String[] words, String last) {
        String[] out = java.util.Arrays.copyOf(words, words.length + 1);
        out[words.length] = last;
        return out;
    }
}
