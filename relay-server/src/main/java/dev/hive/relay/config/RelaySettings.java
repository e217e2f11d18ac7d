package dev.hive.relay.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The relay's settings, resolved and validated at the edge (flags, environment, config
 * file, defaults) and passed into the constructors that need them.
 *
 * @param accessTokens  the allowlist given in the environment or flags (empty when none)
 * @param tokenPublicKey the hrt1 verification key as given, or null for no signed-token mode
 * @param queueBudgetBytes memory the queue may take before health warns; 0 = half the max heap
 */
public record RelaySettings(
        HostPort publicAddress,
        HostPort adminAddress,
        boolean adminUnsafeNonLoopback,
        Path dataDir,
        StoreKind store,
        List<String> accessTokens,
        String tokenPublicKey,
        long maxBodyBytes,
        int maxEnvelopesPerRoom,
        int retentionDays,
        double pushRate,
        int pushBurst,
        int maxStreams,
        List<String> trustedProxies,
        Duration sseKeepAlive,
        Duration readTimeout,
        Duration shutdownGrace,
        long queueBudgetBytes,
        LogFormat logFormat) {

    public RelaySettings {
        accessTokens = List.copyOf(accessTokens);
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** Defaults for everything (durable store in {@code dataDir}), on loopback with ephemeral ports: where tests start. */
    public static Builder builderForTests(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Changes a few settings of a copy; tests use it, the resolver builds records directly. */
    public Builder toBuilder() {
        Builder b = new Builder(dataDir);
        b.publicAddress = publicAddress;
        b.adminAddress = adminAddress;
        b.adminUnsafeNonLoopback = adminUnsafeNonLoopback;
        b.store = store;
        b.accessTokens = accessTokens;
        b.tokenPublicKey = tokenPublicKey;
        b.maxBodyBytes = maxBodyBytes;
        b.maxEnvelopesPerRoom = maxEnvelopesPerRoom;
        b.retentionDays = retentionDays;
        b.pushRate = pushRate;
        b.pushBurst = pushBurst;
        b.maxStreams = maxStreams;
        b.trustedProxies = trustedProxies;
        b.sseKeepAlive = sseKeepAlive;
        b.readTimeout = readTimeout;
        b.shutdownGrace = shutdownGrace;
        b.queueBudgetBytes = queueBudgetBytes;
        b.logFormat = logFormat;
        return b;
    }

    /** Mutable twin of the record, fields public for terse test set-up. */
    public static final class Builder {
        public HostPort publicAddress = new HostPort("127.0.0.1", 0);
        public HostPort adminAddress = new HostPort("127.0.0.1", 0);
        public boolean adminUnsafeNonLoopback;
        public Path dataDir;
        public StoreKind store = StoreKind.SQLITE;
        public List<String> accessTokens = List.of();
        public String tokenPublicKey;
        public long maxBodyBytes = 4_194_304;
        public int maxEnvelopesPerRoom = 50_000;
        public int retentionDays;
        public double pushRate = 100;
        public int pushBurst = 300;
        public int maxStreams = 2_000;
        public List<String> trustedProxies = List.of();
        public Duration sseKeepAlive = Duration.ofSeconds(25);
        public Duration readTimeout = Duration.ofSeconds(30);
        public Duration shutdownGrace = Duration.ofSeconds(5);
        public long queueBudgetBytes;
        public LogFormat logFormat = LogFormat.JSON;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public RelaySettings build() {
            return new RelaySettings(publicAddress, adminAddress, adminUnsafeNonLoopback, dataDir, store,
                    accessTokens, tokenPublicKey, maxBodyBytes, maxEnvelopesPerRoom, retentionDays, pushRate,
                    pushBurst, maxStreams, trustedProxies, sseKeepAlive, readTimeout, shutdownGrace,
                    queueBudgetBytes, logFormat);
        }
    }
}
