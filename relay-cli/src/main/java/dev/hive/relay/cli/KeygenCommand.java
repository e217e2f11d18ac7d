package dev.hive.relay.cli;

import dev.hive.relay.gate.Ed25519Keys;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;

/** {@code hive-relay keygen}: a fresh Ed25519 key pair for signing hrt1 tokens. */
@Command(name = "keygen",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Generate an Ed25519 key pair for hrt1 access tokens.",
                "Give the public key to the relay (HIVE_RELAY_TOKEN_PUBKEY); keep the private key off the relay host "
                        + "and use it with 'hive-relay issue'."})
public final class KeygenCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        byte[] seed = new byte[Ed25519Keys.KEY_BYTES];
        new SecureRandom().nextBytes(seed);
        KeyPair pair = Ed25519Keys.keyPairFromSeed(seed);
        HexFormat hex = HexFormat.of();
        var out = spec.commandLine().getOut();
        out.println("private key (keep secret; for 'hive-relay issue --key'): " + hex.formatHex(seed));
        out.println("public key  (for HIVE_RELAY_TOKEN_PUBKEY):             "
                + hex.formatHex(Ed25519Keys.rawPublicKey(pair.getPublic())));
        out.flush();
        return 0;
    }
}
