package dev.hive.relay.cli;

import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/**
 * The settings a console command shares with {@code serve}: {@code --admin-addr}, {@code --data-dir}
 * and {@code --config}, resolved like {@code serve} resolves them (flags &gt; environment &gt; config
 * file &gt; defaults), so on the relay's host the commands work with no arguments.
 * Named as a command's {@code modelTransformer}.
 */
final class ConsoleSettings implements CommandLine.IModelTransformer {

    static final List<Setting> SETTINGS = List.of(Setting.ADMIN_ADDR, Setting.DATA_DIR);

    @Override
    public CommandSpec transform(CommandSpec spec) {
        SettingOptions.addTo(spec, SETTINGS);
        return spec;
    }

    static ResolvedSettings resolve(CommandSpec spec) {
        return SettingOptions.resolve(spec, System.getenv());
    }
}
