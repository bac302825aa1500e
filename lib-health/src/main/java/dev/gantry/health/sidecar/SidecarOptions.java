package dev.gantry.health.sidecar;

import dev.gantry.core.ParseException;
import dev.gantry.health.HealthService;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.sync.JsonSourceSpec;
import dev.gantry.health.sync.SyncCheck;
import dev.gantry.health.sync.SyncSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The sidecar's settings, parsed from its command line; see {@link #usage()} for every flag.
 *
 * <p>{@link #parse(List, Map)} throws a {@link ParseException} whose source is
 * {@value #SOURCE}, whose line is the 1-based position of the offending argument (0 when a
 * required flag is missing) and whose {@link ParseException#problem() problem} is one line that
 * names the flag and what was expected. Passwords and tokens are only ever read from the
 * environment variables the flags name; no flag takes a secret value.
 *
 * @param source the node family
 * @param node the node's RPC endpoint, with its credentials and call timeout
 * @param references reference endpoints of the same family, in the order given
 * @param json the call and pointers, for {@code --source json} only
 * @param listen where {@code /healthcheck} is served
 * @param interval how often the node is read
 * @param timeout the deadline of one RPC call
 * @param rise consecutive ready results needed to turn ready
 * @param fall consecutive not-ready results needed to turn not ready
 * @param maxLag {@code --max-lag}, if given
 * @param resumeLag {@code --resume-lag}, if given
 * @param expectedBlockInterval {@code --expected-block-interval}, if given
 * @param maxStall {@code --max-stall}, if given
 * @param minPeers {@code --min-peers}, if given
 */
record SidecarOptions(SourceFamily source, HttpEndpoint node, List<HttpEndpoint> references, Optional<JsonSourceSpec> json,
        InetSocketAddress listen, Duration interval, Duration timeout, int rise, int fall, OptionalLong maxLag,
        OptionalLong resumeLag, Optional<Duration> expectedBlockInterval, Optional<Duration> maxStall,
        OptionalInt minPeers) {

    /** The source named in every {@link ParseException}. */
    static final String SOURCE = "sidecar arguments";
    /** The name of the readiness check, served at {@code /healthcheck/node}. */
    static final String CHECK_NAME = "node";

    static final String DEFAULT_LISTEN = "127.0.0.1:8080";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final int DEFAULT_RISE = 2;
    static final int DEFAULT_FALL = 3;

    /** Validates the fields and copies the list. */
    SidecarOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(node, "node");
        references = List.copyOf(references);
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxLag, "maxLag");
        Objects.requireNonNull(resumeLag, "resumeLag");
        Objects.requireNonNull(expectedBlockInterval, "expectedBlockInterval");
        Objects.requireNonNull(maxStall, "maxStall");
        Objects.requireNonNull(minPeers, "minPeers");
        if (source == SourceFamily.JSON && json.isEmpty()) {
            throw new IllegalArgumentException("--source json needs a JsonSourceSpec");
        }
    }

    /**
     * Parses a command line.
     *
     * @param arguments the arguments of {@code main}
     * @param environment the environment, for the variables that {@code --rpc-password-env},
     *     {@code --reference-rpc-password-env} and {@code --bearer-token-env} name
     * @return the options
     * @throws ParseException naming the flag and what was expected
     */
    static SidecarOptions parse(List<String> arguments, Map<String, String> environment) {
        return new SidecarArguments(arguments, environment).options();
    }

    /**
     * Returns whether {@code --help} or {@code -h} is among them; help wins over every error.
     *
     * @param arguments the arguments of {@code main}
     * @return whether {@code --help} or {@code -h} is among them; help wins over every error
     */
    static boolean helpRequested(List<String> arguments) {
        return arguments.contains(SidecarFlag.HELP.flag()) || arguments.contains("-h");
    }

    /** Returns the help text: what the sidecar does, every flag with its default, and the exit codes. */
    static String usage() {
        return SidecarFlag.usage();
    }

    /** Returns a new check of the node against its references, with these settings. */
    SyncCheck syncCheck() {
        SyncCheck.Builder builder = SyncCheck.builder(source(node));
        List<SyncSource> sources = new ArrayList<>();
        references.forEach(reference -> sources.add(source(reference)));
        builder.references(sources);
        maxLag.ifPresent(builder::maxLag);
        resumeLag.ifPresent(builder::resumeLag);
        expectedBlockInterval.ifPresent(builder::expectedBlockInterval);
        maxStall.ifPresent(builder::maxStall);
        minPeers.ifPresent(builder::minPeers);
        return builder.build();
    }

    /** Returns a new, not yet started health service whose one readiness check is {@link #syncCheck()}. */
    HealthService healthService() {
        return HealthService.builder()
                .readiness(CHECK_NAME, syncCheck())
                .interval(interval)
                .timeout(checkTimeout())
                .rise(rise)
                .fall(fall)
                .build();
    }

    /**
     * The deadline of one whole check: the node and every reference are read one after the
     * other, and a read may take up to three calls.
     *
     * @return the deadline
     */
    Duration checkTimeout() {
        return timeout.multipliedBy(3L * (1 + references.size()));
    }

    /** Returns the settings in one line for the startup log; no secrets, only the names of their variables. */
    String describe() {
        return "--source " + source.flagValue() + " " + node + ", " + references.size()
                + (references.size() == 1 ? " reference" : " references") + ", interval " + interval.toMillis()
                + " ms, rise " + rise + ", fall " + fall + ", " + syncCheckSettings();
    }

    private String syncCheckSettings() {
        return "maxLag " + maxLag.stream().mapToObj(Long::toString).findFirst().orElse("default")
                + ", resumeLag " + resumeLag.stream().mapToObj(Long::toString).findFirst().orElse("default")
                + ", minPeers " + minPeers.stream().mapToObj(Integer::toString).findFirst().orElse("default")
                + maxStall.map(d -> ", maxStall " + d.toMillis() + " ms").orElse("")
                + expectedBlockInterval.map(d -> ", expectedBlockInterval " + d.toMillis() + " ms").orElse("");
    }

    private SyncSource source(HttpEndpoint endpoint) {
        return source.source(endpoint, json);
    }
}
