package dev.gantry.health.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.gantry.test.harness.MutableClock;
import dev.gantry.health.CheckResult;
import dev.gantry.health.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncCheckTest {

    private final MutableClock clock = new MutableClock();
    private final FakeSource node = FakeSource.named("node");
    private final FakeSource ref1 = FakeSource.named("ref1");
    private final FakeSource ref2 = FakeSource.named("ref2");

    private SyncCheck.Builder builder() {
        return SyncCheck.builder(node).clock(clock);
    }

    /** The node at {@code height}, reporting {@code network} as the network height and 8 peers. */
    private void nodeAt(long height, long network) {
        node.at(height, s -> s.withNetworkHeight(network).withPeers(8));
    }

    private static void assertResult(CheckResult result, Status status, String reason) {
        assertThat(result.status()).as(result.message()).isEqualTo(status);
        assertThat(result.reason()).as(result.message()).hasValue(reason);
    }

    // --- lag and hysteresis ---

    @Test
    void aNodeBehindByExactlyMaxLagStaysReady() {
        SyncCheck check = builder().maxLag(2).build();
        nodeAt(100, 102);

        CheckResult result = check.check();

        assertResult(result, Status.UP, SyncCheck.OK);
        assertThat(result.details()).containsEntry(CheckResult.LAG, 2L);
    }

    @Test
    void aNodeBehindByMoreThanMaxLagIsLaggingWithAOneLineMessage() {
        SyncCheck check = builder().maxLag(2).build();
        nodeAt(100, 112);

        CheckResult result = check.check();

        assertResult(result, Status.DOWN, SyncCheck.LAGGING);
        assertThat(result.message()).isEqualTo("behind by 12 blocks (max 2), 8 peers");
    }

    @Test
    void aLaggingNodeStaysDownBetweenResumeLagAndMaxLagAndIsReadyAgainAtResumeLag() {
        SyncCheck check = builder().maxLag(5).resumeLag(1).build();
        nodeAt(100, 110);
        assertResult(check.check(), Status.DOWN, SyncCheck.LAGGING);

        nodeAt(107, 110);
        CheckResult between = check.check();
        nodeAt(109, 111);
        CheckResult stillBetween = check.check();
        nodeAt(110, 111);
        CheckResult atResumeLag = check.check();

        assertResult(between, Status.DOWN, SyncCheck.LAGGING);
        assertThat(between.message()).isEqualTo("behind by 3 blocks, ready again at a lag of 1 or less, 8 peers");
        assertResult(stillBetween, Status.DOWN, SyncCheck.LAGGING);
        assertResult(atResumeLag, Status.UP, SyncCheck.OK);
    }

    @Test
    void aReadyNodeThatSlipsBetweenResumeLagAndMaxLagStaysReady() {
        SyncCheck check = builder().maxLag(5).resumeLag(0).build();
        nodeAt(100, 100);
        assertResult(check.check(), Status.UP, SyncCheck.OK);

        nodeAt(100, 104);
        CheckResult result = check.check();

        assertResult(result, Status.UP, SyncCheck.OK);
        assertThat(result.message()).isEqualTo("at height 100, behind by 4 blocks (max 5), 8 peers");
    }

    @Test
    void aBitcoinNodeWhoseLatchedIbdFlagSaysNotSyncingIsLaggingWhenHeadersAreFarAhead() {
        SyncCheck check = builder().build();
        node.at(260_580, s -> s.withNetworkHeight(518_291).withSyncing(false).withPeers(10)
                .withDetail("initialblockdownload", false));

        CheckResult result = check.check();

        assertResult(result, Status.DOWN, SyncCheck.LAGGING);
        assertThat(result.details()).containsEntry(CheckResult.LAG, 257_711L);
    }

    @Test
    void aNodeWithoutNetworkHeightOrReferencesIsNotJudgedOnLag() {
        SyncCheck check = builder().build();
        node.at(500, s -> s.withPeers(3));

        CheckResult result = check.check();

        assertResult(result, Status.UP, SyncCheck.OK);
        assertThat(result.details()).doesNotContainKeys(CheckResult.NETWORK_HEIGHT, CheckResult.LAG);
        assertThat(result.message()).isEqualTo("at height 500, no network height to compare, 3 peers");
    }

    // --- details ---

    @Test
    void aReadyResultCarriesHeightNetworkHeightLagPeersAndSecondsSinceLastBlock() {
        SyncCheck check = builder().build();
        nodeAt(100, 100);
        check.check();
        clock.advanceSeconds(7);

        CheckResult result = check.check();

        assertThat(result.details()).containsExactly(
                Map.entry(CheckResult.REASON, SyncCheck.OK),
                Map.entry(CheckResult.HEIGHT, 100L),
                Map.entry(CheckResult.NETWORK_HEIGHT, 100L),
                Map.entry(CheckResult.LAG, 0L),
                Map.entry(CheckResult.PEERS, 8L),
                Map.entry(CheckResult.SECONDS_SINCE_LAST_BLOCK, 7L));
        assertThat(result.message()).isEqualTo("in sync at height 100, 8 peers");
    }

    // --- ETA ---

    @Test
    void aLaggingNodeGetsAnEtaFromTheRateItsHeightRoseBetweenTwoReads() {
        SyncCheck check = builder().maxLag(2).build();
        nodeAt(1_000, 2_000);
        CheckResult first = check.check();
        clock.advanceSeconds(10);
        nodeAt(1_200, 2_000);

        CheckResult second = check.check();

        assertThat(first.details()).doesNotContainKey(CheckResult.RETRY_AFTER_SECONDS);
        assertResult(second, Status.DOWN, SyncCheck.LAGGING);
        // 800 blocks to go at 20 blocks per second
        assertThat(second.details()).containsEntry(CheckResult.RETRY_AFTER_SECONDS, 40L);
        assertThat(second.message()).endsWith(", ready in about 40 s");
    }

    @Test
    void theEtaCountsOnlyTheBlocksToGoBeforeResumeLag() {
        SyncCheck check = builder().maxLag(10).resumeLag(5).build();
        nodeAt(0, 105);
        check.check();
        clock.advanceSeconds(2);
        nodeAt(10, 105);

        CheckResult result = check.check();

        // 95 - 5 = 90 blocks to go at 5 blocks per second
        assertThat(result.details()).containsEntry(CheckResult.RETRY_AFTER_SECONDS, 18L);
    }

    @Test
    void aSyncingNodeWhoseHeightDoesNotRiseHasNoEta() {
        SyncCheck check = builder().build();
        node.at(1_000, s -> s.withNetworkHeight(2_000).withSyncing(true).withPeers(8));
        check.check();
        clock.advanceSeconds(10);

        CheckResult result = check.check();

        assertResult(result, Status.DOWN, SyncCheck.SYNCING);
        assertThat(result.details()).doesNotContainKey(CheckResult.RETRY_AFTER_SECONDS);
    }

    @Test
    void aSyncingNodeGetsAnEtaToo() {
        SyncCheck check = builder().build();
        node.at(1_000, s -> s.withNetworkHeight(2_000).withSyncing(true).withPeers(8));
        check.check();
        clock.advanceSeconds(4);
        node.at(1_100, s -> s.withNetworkHeight(2_000).withSyncing(true).withPeers(8));

        CheckResult result = check.check();

        assertThat(result.message()).isEqualTo("syncing, behind by 900 blocks, 8 peers, ready in about 36 s");
        assertThat(result.details()).containsEntry(CheckResult.RETRY_AFTER_SECONDS, 36L);
    }

    // --- syncing, peers, source down ---

    @Test
    void aNodeThatSaysItIsSyncingIsDown() {
        SyncCheck check = builder().build();
        node.at(120, s -> s.withSyncing(true).withPeers(8));

        CheckResult result = check.check();

        assertResult(result, Status.DOWN, SyncCheck.SYNCING);
        assertThat(result.message()).isEqualTo("syncing at height 120, 8 peers");
    }

    @Test
    void anEthereumNodeThatSaysNotSyncingWithZeroPeersHasNoPeers() {
        SyncCheck check = builder().build();
        node.at(0x1518, s -> s.withSyncing(false).withPeers(0));

        CheckResult result = check.check();

        assertResult(result, Status.DOWN, SyncCheck.NO_PEERS);
        assertThat(result.message()).isEqualTo("0 peers (min 1) at height 5400");
        assertThat(result.details()).containsEntry(CheckResult.PEERS, 0L);
    }

    @Test
    void aNodeWithFewerPeersThanTheMinimumHasNoPeers() {
        SyncCheck check = builder().minPeers(3).build();
        node.at(100, s -> s.withNetworkHeight(100).withPeers(2));

        assertResult(check.check(), Status.DOWN, SyncCheck.NO_PEERS);

        node.at(100, s -> s.withNetworkHeight(100).withPeers(3));
        assertResult(check.check(), Status.UP, SyncCheck.OK);
    }

    @Test
    void minPeersZeroTurnsThePeerRuleOff() {
        SyncCheck check = builder().minPeers(0).build();
        node.at(100, s -> s.withPeers(0));

        assertResult(check.check(), Status.UP, SyncCheck.OK);
    }

    @Test
    void aNodeThatDoesNotReportPeersIsNotJudgedOnThem() {
        SyncCheck check = builder().minPeers(5).build();
        node.at(100);

        CheckResult result = check.check();

        assertResult(result, Status.UP, SyncCheck.OK);
        assertThat(result.details()).doesNotContainKey(CheckResult.PEERS);
    }

    @Test
    void anUnreachableNodeIsSourceDownAndSaysWhy() {
        SyncCheck check = builder().build();
        node.failing();

        CheckResult result = check.check();

        assertResult(result, Status.DOWN, SyncCheck.SOURCE_DOWN);
        assertThat(result.message()).isEqualTo("node unreachable: node: cannot reach the node: connection refused");
        assertThat(result.details()).containsOnlyKeys(CheckResult.REASON);
    }

    @Test
    void aNodeThatThrowsSomethingUnexpectedIsSourceDownOnOneLine() {
        SyncCheck check = builder().build();
        node.failing(new IllegalStateException("boom\n\tat Foo.bar(Foo.java:1)"));

        CheckResult result = check.check();

        assertResult(result, Status.DOWN, SyncCheck.SOURCE_DOWN);
        assertThat(result.message()).isEqualTo("node unreachable: IllegalStateException: boom at Foo.bar(Foo.java:1)");
    }

    // --- stalls ---

    @Test
    void theDerivedMaxStallIsTheIntervalTimesTheLogOfFalseAlarmEveryOverTheInterval() {
        // interval · ln(30 days / interval), to the millisecond
        assertThat(builder().expectedBlockInterval(Duration.ofSeconds(30)).build().maxStall())
                .hasValue(Duration.ofMillis(341_002)); // ≈ 5.7 min, 11.4 blocks
        assertThat(builder().expectedBlockInterval(Duration.ofSeconds(12)).build().maxStall())
                .hasValue(Duration.ofMillis(147_396)); // ≈ 2.5 min
        assertThat(builder().expectedBlockInterval(Duration.ofMinutes(10)).build().maxStall())
                .hasValue(Duration.ofMillis(5_022_606)); // ≈ 84 min
    }

    @Test
    void aShorterFalseAlarmPeriodGivesAShorterMaxStall() {
        SyncCheck check = builder().expectedBlockInterval(Duration.ofSeconds(30))
                .falseAlarmEvery(Duration.ofDays(1)).build();

        // 30 s · ln(2880)
        assertThat(check.maxStall()).hasValue(Duration.ofMillis(238_966));
    }

    @Test
    void anExplicitMaxStallWinsOverTheDerivedOne() {
        SyncCheck check = builder().expectedBlockInterval(Duration.ofSeconds(30)).maxStall(Duration.ofMinutes(2))
                .build();

        assertThat(check.maxStall()).hasValue(Duration.ofMinutes(2));
    }

    @Test
    void withoutIntervalOrMaxStallStallsAreNotJudged() {
        SyncCheck check = builder().build();
        nodeAt(100, 100);
        check.check();
        clock.advance(Duration.ofDays(3));

        CheckResult result = check.check();

        assertThat(check.maxStall()).isEmpty();
        assertResult(result, Status.UP, SyncCheck.OK);
        assertThat(result.details()).containsEntry(CheckResult.SECONDS_SINCE_LAST_BLOCK, 3 * 86_400L);
    }

    @Test
    void aHeightThatStaysPutForLongerThanMaxStallIsStalled() {
        SyncCheck check = builder().maxStall(Duration.ofSeconds(300)).build();
        nodeAt(100, 100);
        check.check();
        clock.advanceSeconds(300);
        CheckResult atMaxStall = check.check();
        clock.advanceSeconds(1);

        CheckResult result = check.check();

        assertResult(atMaxStall, Status.UP, SyncCheck.OK);
        assertResult(result, Status.DOWN, SyncCheck.STALLED);
        assertThat(result.message()).isEqualTo("height 100 has not advanced for 301 s (max 300 s), 8 peers");
        assertThat(result.details()).containsEntry(CheckResult.SECONDS_SINCE_LAST_BLOCK, 301L);
    }

    @Test
    void aStalledNodeIsReadyAgainOnceItsHeightRisesAndTheTimerRestarts() {
        SyncCheck check = builder().maxStall(Duration.ofSeconds(300)).build();
        nodeAt(100, 100);
        check.check();
        clock.advanceSeconds(400);
        assertResult(check.check(), Status.DOWN, SyncCheck.STALLED);

        nodeAt(101, 101);
        CheckResult advanced = check.check();
        clock.advanceSeconds(250);
        CheckResult later = check.check();

        assertResult(advanced, Status.UP, SyncCheck.OK);
        assertThat(advanced.details()).containsEntry(CheckResult.SECONDS_SINCE_LAST_BLOCK, 0L);
        assertResult(later, Status.UP, SyncCheck.OK);
        assertThat(later.details()).containsEntry(CheckResult.SECONDS_SINCE_LAST_BLOCK, 250L);
    }

    @Test
    void aHeightThatGoesDownIsNotProgress() {
        SyncCheck check = builder().maxStall(Duration.ofSeconds(300)).build();
        nodeAt(100, 100);
        check.check();
        clock.advanceSeconds(200);
        nodeAt(99, 99);
        check.check();
        clock.advanceSeconds(200);

        CheckResult result = check.check();

        assertResult(result, Status.DOWN, SyncCheck.STALLED);
        assertThat(result.details()).containsEntry(CheckResult.SECONDS_SINCE_LAST_BLOCK, 400L);
    }

    @Test
    void stallsAreTimedByTheChecksClockNotByBlockTimestamps() {
        SyncCheck check = builder().maxStall(Duration.ofSeconds(300)).build();
        // a tip time far in the past, e.g. a miner's clock or a node that just caught up
        node.at(100, s -> s.withNetworkHeight(100).withPeers(8).withTipTime(clock.instant().minusSeconds(7_200)));

        assertResult(check.check(), Status.UP, SyncCheck.OK);
    }

    @Test
    void aStalledNodeIsDownWhenAReferenceKeepsAdvancing() {
        SyncCheck check = builder().maxStall(Duration.ofSeconds(300)).maxLag(1_000).reference(ref1).build();
        nodeAt(100, 100);
        ref1.at(100);
        check.check();
        clock.advanceSeconds(301);
        ref1.at(110);

        assertResult(check.check(), Status.DOWN, SyncCheck.STALLED);
    }

    @Test
    void aStallOfTheWholeNetworkIsDegradedAndStaysReady() {
        SyncCheck check = builder().maxStall(Duration.ofSeconds(300)).reference(ref1, ref2).build();
        nodeAt(100, 100);
        ref1.at(100);
        ref2.at(100);
        check.check();
        clock.advanceSeconds(301);

        CheckResult result = check.check();

        assertResult(result, Status.DEGRADED, SyncCheck.NETWORK_STALLED);
        assertThat(result.status().isReady()).isTrue();
        assertThat(result.message())
                .isEqualTo("height 100 has not advanced for 301 s (max 300 s), nor has any reference: the network"
                        + " seems stalled, 8 peers");
    }

    @Test
    void aNetworkStallDoesNotExcuseANodeThatIsAlsoLagging() {
        SyncCheck check = builder().maxStall(Duration.ofSeconds(300)).maxLag(2).reference(ref1).build();
        nodeAt(100, 100);
        ref1.at(110);
        check.check();
        clock.advanceSeconds(301);

        assertResult(check.check(), Status.DOWN, SyncCheck.LAGGING);
    }

    @Test
    void aStalledNodeIsDownWhenEveryReferenceIsUnavailable() {
        SyncCheck check = builder().maxStall(Duration.ofSeconds(300)).reference(ref1).build();
        nodeAt(100, 100);
        ref1.failing();
        check.check();
        clock.advanceSeconds(301);

        assertResult(check.check(), Status.DOWN, SyncCheck.STALLED);
    }

    // --- references and fail-open ---

    @Test
    void theHighestReferenceRaisesTheNetworkHeight() {
        SyncCheck check = builder().maxLag(2).reference(ref1).reference(ref2).build();
        nodeAt(100, 100);
        ref1.at(101);
        ref2.at(150);

        CheckResult result = check.check();

        assertResult(result, Status.DOWN, SyncCheck.LAGGING);
        assertThat(result.details()).containsEntry(CheckResult.NETWORK_HEIGHT, 150L).containsEntry(CheckResult.LAG, 50L);
    }

    @Test
    void theNodesOwnNetworkHeightCountsWhenItIsAboveTheReferences() {
        SyncCheck check = builder().maxLag(2).reference(ref1).build();
        nodeAt(100, 120);
        ref1.at(100);

        CheckResult result = check.check();

        assertThat(result.details()).containsEntry(CheckResult.NETWORK_HEIGHT, 120L);
        assertResult(result, Status.DOWN, SyncCheck.LAGGING);
    }

    @Test
    void aNodeAheadOfItsReferencesHasNoLag() {
        SyncCheck check = builder().reference(ref1).build();
        node.at(105, s -> s.withPeers(8));
        ref1.at(100);

        CheckResult result = check.check();

        assertResult(result, Status.UP, SyncCheck.OK);
        assertThat(result.details()).containsEntry(CheckResult.LAG, 0L).containsEntry(CheckResult.NETWORK_HEIGHT, 105L);
    }

    @Test
    void everyReferenceUnavailableFailsOpenAsDegraded() {
        SyncCheck check = builder().maxLag(2).reference(ref1, ref2).build();
        node.at(100, s -> s.withPeers(8));
        ref1.at(150);
        ref2.at(150);
        assertResult(check.check(), Status.DOWN, SyncCheck.LAGGING);
        ref1.failing();
        ref2.failing(new IllegalStateException("a bug in a reference"));

        CheckResult result = check.check();

        assertResult(result, Status.DEGRADED, SyncCheck.REFERENCE_UNAVAILABLE);
        assertThat(result.status().isReady()).isTrue();
        assertThat(result.message()).isEqualTo("all 2 references unavailable, lag against them not judged;"
                + " at height 100, no network height to compare, 8 peers");
        assertThat(result.details()).containsEntry(SyncCheck.REFERENCES_UNAVAILABLE, 2L)
                .doesNotContainKey(CheckResult.LAG);
    }

    @Test
    void theLaggingVerdictIsKeptWhileReferencesAreAwayAndAppliesWhenTheyReturn() {
        SyncCheck check = builder().maxLag(5).resumeLag(0).reference(ref1).build();
        node.at(100, s -> s.withPeers(8));
        ref1.at(150);
        check.check();
        ref1.failing();
        assertResult(check.check(), Status.DEGRADED, SyncCheck.REFERENCE_UNAVAILABLE);

        ref1.at(103);

        assertResult(check.check(), Status.DOWN, SyncCheck.LAGGING);
    }

    @Test
    void theNodesOwnNetworkHeightIsStillJudgedWhenEveryReferenceIsUnavailable() {
        SyncCheck check = builder().maxLag(2).reference(ref1).build();
        nodeAt(100, 200);
        ref1.failing();

        assertResult(check.check(), Status.DOWN, SyncCheck.LAGGING);
    }

    @Test
    void theNodesOwnSyncingFlagWinsOverFailOpen() {
        SyncCheck check = builder().reference(ref1).build();
        node.at(100, s -> s.withSyncing(true).withPeers(8));
        ref1.failing();

        assertResult(check.check(), Status.DOWN, SyncCheck.SYNCING);
    }

    @Test
    void tooFewPeersWinsOverFailOpen() {
        SyncCheck check = builder().reference(ref1).build();
        node.at(100, s -> s.withPeers(0));
        ref1.failing();

        assertResult(check.check(), Status.DOWN, SyncCheck.NO_PEERS);
    }

    @Test
    void oneUnavailableReferenceOfTwoIsCountedButTheOtherStillJudgesTheLag() {
        SyncCheck check = builder().maxLag(2).reference(ref1, ref2).build();
        nodeAt(100, 100);
        ref1.failing();
        ref2.at(101);

        CheckResult result = check.check();

        assertResult(result, Status.UP, SyncCheck.OK);
        assertThat(result.details()).containsEntry(SyncCheck.REFERENCES_UNAVAILABLE, 1L)
                .containsEntry(CheckResult.NETWORK_HEIGHT, 101L);
    }

    @Test
    void referencesAreReadOneAfterTheOtherBeforeTheNode() {
        List<String> order = new ArrayList<>();
        SyncSource first = recording("first", 100, order);
        SyncSource second = recording("second", 100, order);
        SyncSource self = recording("node", 100, order);
        SyncCheck check = SyncCheck.builder(self).clock(clock).reference(first).references(List.of(first, second))
                .build();

        check.check();

        assertThat(order).containsExactly("first", "second", "node");
        assertThat(check.references()).containsExactly(first, second);
    }

    private static SyncSource recording(String name, long height, List<String> order) {
        return new SyncSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SyncStatus read() {
                order.add(name);
                return SyncStatus.of(name, height, Instant.EPOCH);
            }
        };
    }

    // --- defaults and validation ---

    @Test
    void defaultsAreThreeBlocksResumeAtZeroOnePeerAndNoStallDetection() {
        SyncCheck check = SyncCheck.builder(node).build();

        assertThat(check.maxLag()).isEqualTo(3);
        assertThat(check.resumeLag()).isZero();
        assertThat(check.minPeers()).isEqualTo(1);
        assertThat(check.maxStall()).isEmpty();
        assertThat(check.references()).isEmpty();
        assertThat(check).hasToString("SyncCheck[node=node, references=0, maxLag=3, resumeLag=0, maxStall=off,"
                + " minPeers=1]");
    }

    @Test
    void theDefaultMaxLagIsOneMinuteOfBlocksAndAtLeastThree() {
        assertThat(builder().expectedBlockInterval(Duration.ofSeconds(30)).build().maxLag()).isEqualTo(3);
        assertThat(builder().expectedBlockInterval(Duration.ofSeconds(12)).build().maxLag()).isEqualTo(5);
        assertThat(builder().expectedBlockInterval(Duration.ofMillis(400)).build().maxLag()).isEqualTo(150);
        assertThat(builder().expectedBlockInterval(Duration.ofSeconds(12)).maxLag(1).build().maxLag()).isEqualTo(1);
    }

    @Test
    void theBuilderRejectsBadValuesNamingTheArgument() {
        assertThatNullPointerException().isThrownBy(() -> SyncCheck.builder(null)).withMessage("node");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().maxLag(-1))
                .withMessage("maxLag must be >= 0 but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().resumeLag(-2))
                .withMessage("resumeLag must be >= 0 but was -2");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().minPeers(-1))
                .withMessage("minPeers must be >= 0 but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().expectedBlockInterval(Duration.ZERO))
                .withMessage("expectedBlockInterval must be positive but was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().maxStall(Duration.ofSeconds(-1)))
                .withMessage("maxStall must be positive but was PT-1S");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().falseAlarmEvery(Duration.ZERO))
                .withMessage("falseAlarmEvery must be positive but was PT0S");
        assertThatNullPointerException().isThrownBy(() -> builder().maxStall(null)).withMessage("maxStall");
        assertThatNullPointerException().isThrownBy(() -> builder().clock(null)).withMessage("clock");
    }

    @Test
    void theBuilderRejectsBadReferences() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder().reference())
                .withMessage("reference needs at least one source");
        assertThatNullPointerException().isThrownBy(() -> builder().reference(ref1, null))
                .withMessage("sources[1]");
        assertThatNullPointerException().isThrownBy(() -> builder().references(null)).withMessage("sources");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().reference(node))
                .withMessage("sources[0] is the node itself; a reference must be another source");
    }

    @Test
    void aRejectedReferenceListLeavesTheEarlierReferencesInPlace() {
        SyncCheck.Builder builder = builder().reference(ref1);
        List<SyncSource> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatNullPointerException().isThrownBy(() -> builder.references(withNull));

        assertThat(builder.build().references()).containsExactly(ref1);
    }

    @Test
    void buildRejectsAResumeLagAboveMaxLagIncludingTheDerivedDefault() {
        assertThatIllegalStateException().isThrownBy(() -> builder().maxLag(2).resumeLag(3).build())
                .withMessage("resumeLag (3) must be <= maxLag (2)");
        assertThatIllegalStateException().isThrownBy(() -> builder().resumeLag(4).build())
                .withMessage("resumeLag (4) must be <= maxLag (3)");
    }

    @Test
    void buildRejectsAFalseAlarmPeriodNoLongerThanTheBlockInterval() {
        assertThatIllegalStateException()
                .isThrownBy(() -> builder().expectedBlockInterval(Duration.ofMinutes(10))
                        .falseAlarmEvery(Duration.ofMinutes(10)).build())
                .withMessage("falseAlarmEvery (PT10M) must be longer than expectedBlockInterval (PT10M)");
    }

    @Test
    void eachBuiltCheckHasItsOwnState() {
        SyncCheck.Builder builder = builder().maxLag(2).resumeLag(0);
        SyncCheck first = builder.build();
        nodeAt(100, 110);
        first.check();
        nodeAt(108, 110);

        assertResult(first.check(), Status.DOWN, SyncCheck.LAGGING);
        assertResult(builder.build().check(), Status.UP, SyncCheck.OK);
    }
}
