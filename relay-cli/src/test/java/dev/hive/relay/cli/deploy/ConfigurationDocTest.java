package dev.hive.relay.cli.deploy;

import dev.hive.relay.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md carries a table generated from {@link Setting#values()} between two
 * markers; this fails when the table is stale. To regenerate it:
 * {@code ./mvnw -B -o -pl relay-cli test -Dtest=ConfigurationDocTest -Dhive.relay.updateDocs=true}
 */
class ConfigurationDocTest {

    static final String DOC = "docs/configuration.md";
    static final String BEGIN = "<!-- settings:begin (generated from Setting.java by ConfigurationDocTest) -->";
    static final String END = "<!-- settings:end -->";

    @Test
    void settingsTableMatchesTheCode() throws IOException {
        Path doc = Repo.file(DOC);
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, DOC + " must hold the markers " + BEGIN + " and " + END);
        String current = text.substring(begin + BEGIN.length(), end);
        String generated = "\n" + table() + "\n";
        if (!current.equals(generated) && Boolean.getBoolean("hive.relay.updateDocs")) {
            Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + generated + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, current, DOC + " is stale; regenerate it with -Dhive.relay.updateDocs=true "
                + "(see " + ConfigurationDocTest.class.getSimpleName() + ")");
    }

    @Test
    void everySettingIsExplainedInTheProse() throws IOException {
        String text = Files.readString(Repo.file(DOC), StandardCharsets.UTF_8);
        String prose = text.substring(0, text.indexOf(BEGIN)) + text.substring(text.indexOf(END));
        for (Setting setting : Setting.values()) {
            assertTrue(prose.contains("`" + setting.envVar() + "`"),
                    DOC + " explains " + setting.envVar() + " outside the generated table too");
        }
    }

    /** The Markdown table: one row per setting, in the order of the enum. */
    static String table() {
        StringBuilder out = new StringBuilder();
        out.append("| flag | environment variable | `hive-relay.yaml` key | default | meaning |\n");
        out.append("|---|---|---|---|---|\n");
        for (Setting s : Setting.values()) {
            out.append("| `--").append(s.key()).append("` | `").append(s.envVar()).append("` | `")
                    .append(s.key()).append("` | ")
                    .append(s.defaultValue() == null ? "(unset)" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(escape(s.description())).append(" |\n");
        }
        return out.toString().stripTrailing();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
