package dev.gantry.health.sidecar;

import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.sync.JsonSourceSpec;
import dev.gantry.health.sync.SyncSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The node families the sidecar's {@code --source} flag names, each with its {@link SyncSource} factory. */
enum SourceFamily {
    BITCOIN,
    ETHEREUM,
    NEAR,
    COMETBFT,
    SOLANA,
    SUBSTRATE,
    MONERO,
    BEACON,
    JSON;

    /** Returns the value of {@code --source} that names this family, e.g. {@code bitcoin}. */
    String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns every flag value, comma separated, for help and error messages. */
    static String all() {
        return Arrays.stream(values()).map(SourceFamily::flagValue).collect(Collectors.joining(", "));
    }

    /**
     * Returns the family it names, if any; exact lower-case match.
     *
     * @param value a flag value such as {@code bitcoin}
     * @return the family it names, if any; exact lower-case match
     */
    static Optional<SourceFamily> of(String value) {
        return Arrays.stream(values()).filter(family -> family.flagValue().equals(value)).findFirst();
    }

    /**
     * Returns a source of this family.
     *
     * @param endpoint the node to read
     * @param spec the call and pointers, for {@link #JSON} only
     * @return a source of this family
     * @throws IllegalArgumentException if this is {@link #JSON} and there is no spec
     */
    SyncSource source(HttpEndpoint endpoint, Optional<JsonSourceSpec> spec) {
        return switch (this) {
            case BITCOIN -> SyncSource.bitcoin(endpoint);
            case ETHEREUM -> SyncSource.ethereum(endpoint);
            case NEAR -> SyncSource.near(endpoint);
            case COMETBFT -> SyncSource.cometbft(endpoint);
            case SOLANA -> SyncSource.solana(endpoint);
            case SUBSTRATE -> SyncSource.substrate(endpoint);
            case MONERO -> SyncSource.monero(endpoint);
            case BEACON -> SyncSource.beacon(endpoint);
            case JSON -> SyncSource.json(endpoint, spec.orElseThrow(
                    () -> new IllegalArgumentException("the json source needs a JsonSourceSpec")));
        };
    }
}
