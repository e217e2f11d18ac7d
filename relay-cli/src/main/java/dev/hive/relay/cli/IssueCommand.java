package dev.hive.relay.cli;

import dev.hive.relay.gate.Claims;
import dev.hive.relay.gate.Ed25519Keys;
import dev.hive.relay.gate.Hrt1;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hive-relay issue}: mint an hrt1 token signed with a private key from {@code keygen}. */
@Command(name = "issue",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Mint an hrt1 access token that a relay with the matching HIVE_RELAY_TOKEN_PUBKEY admits.")
public final class IssueCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "HEX",
            description = "private key (64 hex characters) printed by 'hive-relay keygen'; or env HIVE_RELAY_SIGNING_KEY",
            defaultValue = "${env:HIVE_RELAY_SIGNING_KEY}")
    private String key;

    @Option(names = "--sub", required = true, paramLabel = "SUBJECT", description = "who the token is for")
    private String subject;

    @Option(names = "--plan", paramLabel = "PLAN", defaultValue = "", description = "plan name (default: empty)")
    private String plan;

    @Option(names = "--exp-days", paramLabel = "DAYS", description = "expire after this many days (default: never)")
    private Long expDays;

    @Option(names = "--max-members", paramLabel = "N", description = "member cap claim")
    private Long maxMembers;

    @Option(names = "--retention-days", paramLabel = "DAYS", description = "retention claim")
    private Long retentionDays;

    @Option(names = "--turn", description = "grant TURN relaying")
    private boolean turn;

    @Option(names = "--cap", paramLabel = "CAP", description = "a capability; repeat for more")
    private List<String> caps = new ArrayList<>();

    @Override
    public Integer call() {
        if (key == null || key.isBlank()) {
            throw new CliException("--key is required: give the private key printed by 'hive-relay keygen'", 2);
        }
        byte[] seed;
        try {
            seed = HexFormat.of().parseHex(key.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException("--key is not hex; give the 64 hex characters 'hive-relay keygen' printed", 2);
        }
        if (seed.length != Ed25519Keys.KEY_BYTES) {
            throw new CliException("--key must be 32 bytes (64 hex characters), not " + seed.length, 2);
        }
        if (expDays != null && expDays <= 0) {
            throw new CliException("--exp-days must be 1 or more; leave it out for a token that never expires", 2);
        }
        long exp = expDays == null ? 0
                : System.currentTimeMillis() / 1000 + Duration.ofDays(expDays).toSeconds();
        Claims claims = new Claims(subject, plan, exp, maxMembers, retentionDays, turn, caps);
        String token = Hrt1.mint(claims, Ed25519Keys.keyPairFromSeed(seed).getPrivate());
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
