package dev.gantry.health.sync;

import dev.gantry.core.internal.Checks;
import dev.gantry.health.CheckResult;
import dev.gantry.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness of a node that replicates a chain (a blockchain node, or any service that follows a
 * growing height): ready while it is not syncing, close enough to the network height, still
 * advancing, and connected to peers; not ready otherwise, so that a load balancer stops routing
 * to it.
 *
 * <pre>{@code
 * HealthCheck sync = SyncCheck.builder(SyncSource.bitcoin(node))
 *         .expectedBlockInterval(Duration.ofMinutes(10))   // stall after ≈ 84 min without a block
 *         .reference(SyncSource.bitcoin(otherNode))
 *         .build();
 * }</pre>
 *
 * <p>Each {@link #check()} reads every reference, then the node, and judges in this order; the
 * first rule that applies gives the result:
 *
 * <table>
 *   <caption>Reason codes, in the order they are judged</caption>
 *   <tr><th>reason</th><th>status</th><th>when</th></tr>
 *   <tr><td>{@value #SOURCE_DOWN}</td><td>DOWN</td><td>the node cannot be read (unreachable,
 *       too slow, an answer that is not its documented format)</td></tr>
 *   <tr><td>{@value #WARMING_UP}</td><td>DOWN</td><td>the node answered that it is still
 *       starting ({@link NodeWarmingUpException})</td></tr>
 *   <tr><td>{@value #SYNCING}</td><td>DOWN</td><td>the node says it is syncing</td></tr>
 *   <tr><td>{@value #NO_PEERS}</td><td>DOWN</td><td>the node reports its peers and has fewer
 *       than {@code minPeers}</td></tr>
 *   <tr><td>{@value #STALLED}</td><td>DOWN</td><td>the height has not advanced for longer than
 *       {@code maxStall}, and not every available reference stalled too</td></tr>
 *   <tr><td>{@value #LAGGING}</td><td>DOWN</td><td>the lag went above {@code maxLag} and has not
 *       yet come back to {@code resumeLag} or less</td></tr>
 *   <tr><td>{@value #REFERENCE_UNAVAILABLE}</td><td>DEGRADED</td><td>references are configured
 *       and none of them could be read: the lag against them is not judged (fail-open)</td></tr>
 *   <tr><td>{@value #NETWORK_STALLED}</td><td>DEGRADED</td><td>the node's height has stalled,
 *       and so has every available reference: the whole network stopped (fail-open)</td></tr>
 *   <tr><td>{@value #OK}</td><td>UP</td><td>none of the above</td></tr>
 * </table>
 *
 * <p><b>Network height and lag.</b> The network height is the maximum of the node's own network
 * height ({@link SyncStatus#networkHeight()}, e.g. Bitcoin's {@code headers}), the height of
 * every reference that could be read, and the node's height (a node ahead of its references has
 * no lag); the lag is the network height minus the node's height. Without either (a NEAR node
 * without references) the lag is unknown and not judged.
 * References are read before the node, so a block that arrives while the check runs can make the
 * node look ahead of the references, never behind them.
 *
 * <p><b>Hysteresis.</b> The node becomes {@value #LAGGING} when the lag is above {@code maxLag}
 * and is ready again only when it is at or below {@code resumeLag}; in between it keeps its last
 * verdict. When the lag is unknown for a while the verdict is kept but not applied.
 *
 * <p><b>Stalls.</b> The check remembers, by its own clock, when it last saw the node's height
 * rise; block timestamps ({@link SyncStatus#tipTime()}) are not used, since they can be hours off
 * and depend on the node's clock. Until the height has risen once, the stall timer counts from
 * the check's first read, so a node that was already stuck is caught after {@code maxStall}.
 * A height that goes down (a reorg, a restore) does not restart the timer; one that rises does.
 * References are timed the same way, to tell a stuck node from a stopped network.
 *
 * <p><b>Fail-open.</b> References serve a judgment and must not drain every node at once when
 * they fail. Only the node's own signals (syncing, peers, its own stall and its own network
 * height) can make the result DOWN when every reference is unavailable. A reference that throws
 * anything counts as unavailable.
 *
 * <p><b>Details</b> on every result that has read the node: {@value CheckResult#REASON},
 * {@value CheckResult#HEIGHT}, {@value CheckResult#NETWORK_HEIGHT} and {@value CheckResult#LAG}
 * (when the network height is known), {@value CheckResult#PEERS} (when the node reports them),
 * {@value CheckResult#SECONDS_SINCE_LAST_BLOCK}, {@value #REFERENCES_UNAVAILABLE} (when some
 * reference failed), and while syncing or lagging {@value CheckResult#RETRY_AFTER_SECONDS}: the
 * blocks still to go before the node is ready again ({@code lag - resumeLag}) divided by the
 * rate at which its height rose between the last two reads, omitted when that rate is unknown.
 *
 * <p><b>Time.</b> Sources are read one after the other, each bounded by its own endpoint
 * timeout, so one check may take as long as the sum of the node's and every reference's
 * timeout. Give the check a timeout above that sum in the health service, or a slow reference
 * turns every node DOWN at once; short reference timeouts are the cure.
 *
 * <p>Stateful (hysteresis and stall timers) and thread-safe: {@link #check()} is synchronized,
 * so concurrent callers take turns. Logs a change of reason at INFO, or at WARN when the node
 * becomes not ready, and a reference that becomes unavailable at WARN.
 */
public final class SyncCheck implements HealthCheck {

    /** Reason code: the node could not be read. */
    public static final String SOURCE_DOWN = "SYNC-SOURCE-DOWN";
    /** Reason code: the node answered that it is still starting, e.g. Bitcoin Core's error -28. */
    public static final String WARMING_UP = "SYNC-WARMING-UP";
    /** Reason code: the node says it is syncing. */
    public static final String SYNCING = "SYNC-SYNCING";
    /** Reason code: the node has fewer peers than the minimum. */
    public static final String NO_PEERS = "SYNC-NO-PEERS";
    /** Reason code: the node's height has not advanced for longer than the maximum stall. */
    public static final String STALLED = "SYNC-STALLED";
    /** Reason code: the node is too far behind the network height. */
    public static final String LAGGING = "SYNC-LAGGING";
    /** Reason code: every reference is unavailable, so the lag against them is not judged. */
    public static final String REFERENCE_UNAVAILABLE = "SYNC-REFERENCE-UNAVAILABLE";
    /** Reason code: the node and every reference stopped advancing together. */
    public static final String NETWORK_STALLED = "SYNC-NETWORK-STALLED";
    /** Reason code: the node is in sync. */
    public static final String OK = "SYNC-OK";

    /** Reasons a node passes through on its own (starting, catching up): logged at INFO, not WARN. */
    private static final Set<String> ROUTINE = Set.of(WARMING_UP, SYNCING, LAGGING);

    /** Detail key of the number of references that could not be read, when at least one. */
    public static final String REFERENCES_UNAVAILABLE = "referencesUnavailable";

    /** The default {@code maxLag} without an expected block interval: 3 blocks. */
    public static final long DEFAULT_MAX_LAG = 3;
    /** The default {@code resumeLag}: 0 blocks, i.e. caught up. */
    public static final long DEFAULT_RESUME_LAG = 0;
    /** The default {@code minPeers}: 1. */
    public static final int DEFAULT_MIN_PEERS = 1;
    /** How often a false stall alarm is accepted when deriving {@code maxStall}: 30 days. */
    public static final Duration DEFAULT_FALSE_ALARM_EVERY = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(SyncCheck.class);
    private static final int MAX_MESSAGE = 300;

    private final SyncSource node;
    private final List<SyncSource> references;
    private final SyncPolicy policy;
    private final SyncJudgement judgement;
    private final Clock clock;

    // State, guarded by this.
    private final HeightProgress nodeProgress = new HeightProgress();
    private final ReferenceReads referenceReads;
    private final LagHysteresis hysteresis;
    private String lastReason = "none";

    private SyncCheck(SyncSource node, List<SyncSource> references, SyncPolicy policy, Clock clock) {
        this.node = node;
        this.references = List.copyOf(references);
        this.policy = policy;
        this.judgement = new SyncJudgement(policy);
        this.clock = clock;
        this.referenceReads = new ReferenceReads(node.name(), this.references);
        this.hysteresis = new LagHysteresis(policy.maxLag(), policy.resumeLag());
    }

    /**
     * Starts the configuration of a check of one node.
     *
     * @param node the node whose readiness is judged
     * @return a builder with the defaults described on each option
     */
    public static Builder builder(SyncSource node) {
        return new Builder(node);
    }

    /**
     * Reads the references and the node once and judges the node's readiness.
     *
     * @return the result; never throws, a failed read becomes {@value #SOURCE_DOWN}
     */
    @Override
    public synchronized CheckResult check() {
        List<OptionalLong> referenceHeights = referenceReads.read(clock);
        SyncStatus status;
        try {
            status = node.read();
        } catch (NodeWarmingUpException e) {
            return logged(CheckResult.down(shortened("node warming up: " + problem(e))).withReason(WARMING_UP));
        } catch (RuntimeException e) {
            return logged(CheckResult.down(shortened("node unreachable: " + problem(e))).withReason(SOURCE_DOWN));
        }
        Instant now = clock.instant();
        nodeProgress.observe(status.height(), now);
        return logged(judgement.judge(signals(status, referenceHeights, now)));
    }

    /** Returns the node whose readiness is judged. */
    public SyncSource node() {
        return node;
    }

    /** Returns the reference sources, in the order they are read; empty when none. */
    public List<SyncSource> references() {
        return references;
    }

    /** Returns the lag above which the node becomes not ready. */
    public long maxLag() {
        return policy.maxLag();
    }

    /** Returns the lag at or below which a lagging node is ready again. */
    public long resumeLag() {
        return policy.resumeLag();
    }

    /** Returns the longest the height may stay put; empty when stall detection is off. */
    public Optional<Duration> maxStall() {
        return policy.maxStall();
    }

    /** Returns the fewest peers a ready node has; 0 when peers are not judged. */
    public int minPeers() {
        return policy.minPeers();
    }

    /** Returns the settings, for logs and JShell. */
    @Override
    public String toString() {
        return "SyncCheck[node=" + node.name() + ", references=" + references.size() + ", maxLag=" + maxLag()
                + ", resumeLag=" + resumeLag() + ", maxStall=" + maxStall().map(Duration::toString).orElse("off")
                + ", minPeers=" + minPeers() + "]";
    }

    /** Combines this read with the remembered progress and lag verdict, and updates the verdict. */
    private SyncSignals signals(SyncStatus status, List<OptionalLong> referenceHeights, Instant now) {
        OptionalLong networkHeight = SyncSignals.networkHeight(status, referenceHeights);
        int unavailable = (int) referenceHeights.stream().filter(OptionalLong::isEmpty).count();
        boolean nodeStalled = policy.maxStall().map(max -> nodeProgress.stalled(max, now)).orElse(false);
        boolean networkStalled = referenceReads.everyAvailableStalled(referenceHeights, policy.maxStall(), now);
        Duration sinceAdvance = nodeProgress.sinceAdvance(now).orElse(Duration.ZERO);
        boolean lagging = hysteresis.update(SyncSignals.lag(status, networkHeight));
        return new SyncSignals(status, networkHeight, references.size(), unavailable, nodeStalled, networkStalled,
                sinceAdvance, lagging, nodeProgress.rate());
    }

    private CheckResult logged(CheckResult result) {
        String reason = result.reason().orElse("");
        if (!reason.equals(lastReason)) {
            if (result.status().isReady() || ROUTINE.contains(reason)) {
                log.info("{}: {} -> {}: {}", node.name(), lastReason, reason, result.message());
            } else {
                log.warn("{}: {} -> {}: {}", node.name(), lastReason, reason, result.message());
            }
            lastReason = reason;
        }
        return result;
    }

    /** What went wrong in a read, one line: a source's own message, or the exception's type and message. */
    static String problem(RuntimeException e) {
        String text = e instanceof SyncSourceException || e.getMessage() == null
                ? String.valueOf(e.getMessage())
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /** Cuts a message to at most 300 characters and an ellipsis. */
    static String shortened(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }

    /** Counts blocks in words: {@code 1 block}, {@code 5 blocks}. */
    static String blocks(long count) {
        return count == 1 ? "1 block" : count + " blocks";
    }

    /**
     * The settings of a {@link SyncCheck}. Each setter validates its argument at once and throws
     * {@link NullPointerException} or {@link IllegalArgumentException} naming it; settings that
     * depend on each other are checked by {@link #build()}. Not thread-safe; {@link #build()} may
     * be called more than once, and each check it returns has its own state.
     */
    public static final class Builder {

        private final SyncSource node;
        private final List<SyncSource> references = new ArrayList<>();
        private long maxLag = -1;
        private long resumeLag = DEFAULT_RESUME_LAG;
        private Duration expectedBlockInterval;
        private Duration falseAlarmEvery = DEFAULT_FALSE_ALARM_EVERY;
        private Duration maxStall;
        private int minPeers = DEFAULT_MIN_PEERS;
        private Clock clock;

        private Builder(SyncSource node) {
            this.node = Objects.requireNonNull(node, "node");
        }

        /**
         * The lag above which the node becomes not ready ({@value SyncCheck#LAGGING}); a lag of
         * exactly {@code maxLag} is still ready. Default: one minute of blocks and at least 3,
         * i.e. {@code max(3, ceil(60 s / expectedBlockInterval))} (3 for 30 s blocks, 5 for 12 s
         * blocks, 150 for 400 ms slots), or {@value SyncCheck#DEFAULT_MAX_LAG} without an
         * expected block interval.
         *
         * @param blocks the largest lag that is still ready, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code blocks} is negative
         */
        public Builder maxLag(long blocks) {
            if (blocks < 0) {
                throw new IllegalArgumentException("maxLag must be >= 0 but was " + blocks);
            }
            this.maxLag = blocks;
            return this;
        }

        /**
         * The lag at or below which a lagging node is ready again; must not exceed
         * {@code maxLag}. Default {@value SyncCheck#DEFAULT_RESUME_LAG}: caught up. On chains with
         * fast blocks (Solana slots, 2 s blocks) a few blocks avoid waiting for a read that
         * happens to see the node exactly at the tip.
         *
         * @param blocks the lag at which the node is ready again, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code blocks} is negative
         */
        public Builder resumeLag(long blocks) {
            if (blocks < 0) {
                throw new IllegalArgumentException("resumeLag must be >= 0 but was " + blocks);
            }
            this.resumeLag = blocks;
            return this;
        }

        /**
         * The chain's average time between blocks. It turns stall detection on with
         * {@code maxStall = interval · ln(falseAlarmEvery / interval)}: with blocks arriving at
         * random (a Poisson process), a gap that long happens once per {@code falseAlarmEvery}.
         * With the default 30 days that is ≈ 5.7 min for 30 s blocks, ≈ 2.5 min for 12 s blocks
         * and ≈ 84 min for 10 min blocks. It also sets the default {@link #maxLag(long)}.
         * No default: without it (and without {@link #maxStall(Duration)}) stalls are not judged.
         *
         * @param interval the average block interval, positive
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if {@code interval} is zero or negative
         */
        public Builder expectedBlockInterval(Duration interval) {
            this.expectedBlockInterval = Checks.positive(interval, "expectedBlockInterval");
            return this;
        }

        /**
         * How rarely a healthy node may be reported as stalled, used to derive {@code maxStall}
         * from {@link #expectedBlockInterval(Duration)}; must be longer than that interval.
         * Default 30 days. Ignored when {@link #maxStall(Duration)} is set.
         *
         * @param period the accepted time between false stall alarms, positive
         * @return this builder
         * @throws NullPointerException if {@code period} is null
         * @throws IllegalArgumentException if {@code period} is zero or negative
         */
        public Builder falseAlarmEvery(Duration period) {
            this.falseAlarmEvery = Checks.positive(period, "falseAlarmEvery");
            return this;
        }

        /**
         * The longest the node's height may stay put before the node is
         * {@value SyncCheck#STALLED}; overrides the value derived from
         * {@link #expectedBlockInterval(Duration)}. Default: derived, or no stall detection.
         *
         * @param duration the longest time without a new block, positive
         * @return this builder
         * @throws NullPointerException if {@code duration} is null
         * @throws IllegalArgumentException if {@code duration} is zero or negative
         */
        public Builder maxStall(Duration duration) {
            this.maxStall = Checks.positive(duration, "maxStall");
            return this;
        }

        /**
         * The fewest peers a ready node has, judged only when the node reports its peers.
         * Default {@value SyncCheck#DEFAULT_MIN_PEERS}; 0 turns the peer rule off (a node on the
         * restricted Monero RPC, which always reports 0, or a single regtest node).
         *
         * @param peers the minimum peer count, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code peers} is negative
         */
        public Builder minPeers(int peers) {
            if (peers < 0) {
                throw new IllegalArgumentException("minPeers must be >= 0 but was " + peers);
            }
            this.minPeers = peers;
            return this;
        }

        /**
         * Adds reference sources: other nodes of the network, or a sibling service that follows
         * the same chain. Their highest height, and the node's own network height, make the
         * network height. Default: none.
         *
         * @param sources one or more sources, read in the order added
         * @return this builder
         * @throws NullPointerException if {@code sources} or one of them is null
         * @throws IllegalArgumentException if none is given, or one is the node itself
         */
        public Builder reference(SyncSource... sources) {
            Objects.requireNonNull(sources, "sources");
            if (sources.length == 0) {
                throw new IllegalArgumentException("reference needs at least one source");
            }
            references.addAll(checked(Arrays.asList(sources)));
            return this;
        }

        /**
         * Replaces the reference sources with these.
         *
         * @param sources the sources, read in this order; empty for none
         * @return this builder
         * @throws NullPointerException if {@code sources} or one of them is null
         * @throws IllegalArgumentException if one is the node itself
         * @see #reference(SyncSource...)
         */
        public Builder references(List<SyncSource> sources) {
            Objects.requireNonNull(sources, "sources");
            List<SyncSource> checked = checked(sources);
            references.clear();
            references.addAll(checked);
            return this;
        }

        /**
         * The clock that times stalls and sync rates. Default: a clock that starts at the wall
         * time and then follows {@link System#nanoTime()}, so that changes of the system clock
         * do not look like stalls.
         *
         * @param value the clock
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Builds a check with these settings and fresh state: not lagging, no height seen yet.
         *
         * @return a new, thread-safe check
         * @throws IllegalStateException if {@code resumeLag} exceeds {@code maxLag}, or
         *     {@code falseAlarmEvery} is not longer than {@code expectedBlockInterval} when
         *     {@code maxStall} is derived from them
         */
        public SyncCheck build() {
            SyncPolicy policy = SyncPolicy.derive(maxLag >= 0 ? OptionalLong.of(maxLag) : OptionalLong.empty(),
                    resumeLag, Optional.ofNullable(expectedBlockInterval), falseAlarmEvery,
                    Optional.ofNullable(maxStall), minPeers);
            return new SyncCheck(node, references, policy, clock == null ? new MonotonicClock() : clock);
        }

        private List<SyncSource> checked(List<SyncSource> sources) {
            for (int i = 0; i < sources.size(); i++) {
                SyncSource source = Objects.requireNonNull(sources.get(i), "sources[" + i + "]");
                if (source == node) {
                    throw new IllegalArgumentException("sources[" + i + "] is the node itself; a reference must be"
                            + " another source");
                }
            }
            return List.copyOf(sources);
        }
    }
}
