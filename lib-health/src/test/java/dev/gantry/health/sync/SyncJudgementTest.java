package dev.gantry.health.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.health.CheckResult;
import dev.gantry.health.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The pure judgement, fed signals directly: no clock, no sources, no state between calls. */
class SyncJudgementTest {

    private static final SyncPolicy POLICY = new SyncPolicy(5, 1, Optional.of(Duration.ofMinutes(5)), 1);
    private final SyncJudgement judgement = new SyncJudgement(POLICY);

    /** A node at height 100 with 8 peers, seeing {@code network}, that advanced 20 s ago, one reference read. */
    private static Signals at(long network) {
        return new Signals(SyncStatus.of("node", 100, Instant.EPOCH).withPeers(8), OptionalLong.of(network));
    }

    private CheckResult judge(Signals s) {
        return judgement.judge(s.build());
    }

    @Test
    void aNodeWithinMaxLagThatIsNotLaggingIsUpWithEveryDetail() {
        CheckResult result = judge(at(103));

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.reason()).hasValue(SyncCheck.OK);
        assertThat(result.message()).isEqualTo("at height 100, behind by 3 blocks (max 5), 8 peers");
        assertThat(result.details()).containsEntry(CheckResult.HEIGHT, 100L)
                .containsEntry(CheckResult.NETWORK_HEIGHT, 103L)
                .containsEntry(CheckResult.LAG, 3L)
                .containsEntry(CheckResult.PEERS, 8L)
                .containsEntry(CheckResult.SECONDS_SINCE_LAST_BLOCK, 20L)
                .doesNotContainKey(SyncCheck.REFERENCES_UNAVAILABLE);
    }

    @Test
    void theHysteresisVerdictNotTheLagAloneDecidesLagging() {
        CheckResult stillLagging = judge(at(103).lagging());
        CheckResult farBehindButNotYetLagging = judge(at(200));

        assertThat(stillLagging.reason()).hasValue(SyncCheck.LAGGING);
        assertThat(stillLagging.message()).isEqualTo("behind by 3 blocks, ready again at a lag of 1 or less, 8 peers");
        assertThat(farBehindButNotYetLagging.reason()).hasValue(SyncCheck.OK);
    }

    @Test
    void aLaggingNodeWithAKnownRateGetsAnEstimateOfWhenItIsReady() {
        CheckResult result = judge(at(150).lagging().rate(4.0));

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.message()).isEqualTo("behind by 50 blocks (max 5), 8 peers, ready in about 13 s");
        assertThat(result.details()).containsEntry(CheckResult.RETRY_AFTER_SECONDS, 13L);
    }

    @Test
    void aLaggingVerdictIsNotAppliedWhileTheLagIsUnknown() {
        Signals unknownLag = new Signals(SyncStatus.of("node", 100, Instant.EPOCH).withPeers(8), OptionalLong.empty());

        CheckResult result = judge(unknownLag.lagging());

        assertThat(result.reason()).hasValue(SyncCheck.OK);
        assertThat(result.message()).isEqualTo("at height 100, no network height to compare, 8 peers");
        assertThat(result.details()).doesNotContainKeys(CheckResult.NETWORK_HEIGHT, CheckResult.LAG);
    }

    @Test
    void syncingComesBeforeEveryOtherRule() {
        Signals s = at(1100).lagging().nodeStalled();
        s.status = s.status.withSyncing(true).withPeers(0);

        CheckResult result = judge(s.rate(100.0));

        assertThat(result.reason()).hasValue(SyncCheck.SYNCING);
        assertThat(result.message()).isEqualTo("syncing, behind by 1000 blocks, 0 peers, ready in about 10 s");
    }

    @Test
    void tooFewPeersComeBeforeAStall() {
        Signals s = at(100).nodeStalled();
        s.status = s.status.withPeers(0);

        CheckResult result = judge(s);

        assertThat(result.reason()).hasValue(SyncCheck.NO_PEERS);
        assertThat(result.message()).isEqualTo("0 peers (min 1) at height 100");
    }

    @Test
    void aStalledNodeIsDownUnlessTheWholeNetworkStalledWithIt() {
        CheckResult alone = judge(at(100).nodeStalled());
        CheckResult withTheNetwork = judge(at(100).nodeStalled().networkStalled());

        assertThat(alone.status()).isEqualTo(Status.DOWN);
        assertThat(alone.reason()).hasValue(SyncCheck.STALLED);
        assertThat(alone.message()).isEqualTo("height 100 has not advanced for 20 s (max 300 s), 8 peers");
        assertThat(withTheNetwork.status()).isEqualTo(Status.DEGRADED);
        assertThat(withTheNetwork.reason()).hasValue(SyncCheck.NETWORK_STALLED);
    }

    @Test
    void everyReferenceUnavailableIsDegradedAndCounted() {
        Signals s = new Signals(SyncStatus.of("node", 100, Instant.EPOCH).withPeers(8), OptionalLong.empty());
        s.references = 2;
        s.unavailable = 2;

        CheckResult result = judge(s);

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.reason()).hasValue(SyncCheck.REFERENCE_UNAVAILABLE);
        assertThat(result.message()).isEqualTo("all 2 references unavailable, lag against them not judged; "
                + "at height 100, no network height to compare, 8 peers");
        assertThat(result.details()).containsEntry(SyncCheck.REFERENCES_UNAVAILABLE, 2L);
    }

    @Test
    void sameSignalsGiveTheSameResult() {
        assertThat(judge(at(150).lagging().rate(4.0))).isEqualTo(judge(at(150).lagging().rate(4.0)));
    }

    /** A mutable recipe for {@link SyncSignals}, so each test states only what differs. */
    private static final class Signals {
        SyncStatus status;
        final OptionalLong network;
        int references = 1;
        int unavailable;
        boolean nodeStalled;
        boolean networkStalled;
        boolean lagging;
        OptionalDouble rate = OptionalDouble.empty();

        Signals(SyncStatus status, OptionalLong network) {
            this.status = status;
            this.network = network;
        }

        Signals lagging() {
            lagging = true;
            return this;
        }

        Signals nodeStalled() {
            nodeStalled = true;
            return this;
        }

        Signals networkStalled() {
            networkStalled = true;
            return this;
        }

        Signals rate(double blocksPerSecond) {
            rate = OptionalDouble.of(blocksPerSecond);
            return this;
        }

        SyncSignals build() {
            return new SyncSignals(status, network, references, unavailable, nodeStalled, networkStalled,
                    Duration.ofSeconds(20), lagging, rate);
        }
    }
}
