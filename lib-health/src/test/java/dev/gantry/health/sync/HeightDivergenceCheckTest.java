package dev.gantry.health.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.gantry.test.harness.MutableClock;
import dev.gantry.health.CheckResult;
import dev.gantry.health.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeightDivergenceCheckTest {

    private final MutableClock clock = new MutableClock();
    private final FakeSource wallet = FakeSource.named("wallet");
    private final FakeSource node = FakeSource.named("node");

    private HeightDivergenceCheck check(long maxDiff) {
        return HeightDivergenceCheck.of(wallet, node, maxDiff).withClock(clock);
    }

    private static void assertResult(CheckResult result, Status status, String reason) {
        assertThat(result.status()).as(result.message()).isEqualTo(status);
        assertThat(result.reason()).as(result.message()).hasValue(reason);
    }

    @Test
    void heightsWithinMaxDiffAreUpWithBothHeightsAndTheDifference() {
        wallet.at(998);
        node.at(1_000);

        CheckResult result = check(2).check();

        assertResult(result, Status.UP, SyncCheck.OK);
        assertThat(result.details()).containsExactly(
                Map.entry(CheckResult.REASON, SyncCheck.OK),
                Map.entry(HeightDivergenceCheck.HEIGHT_A, 998L),
                Map.entry(HeightDivergenceCheck.HEIGHT_B, 1_000L),
                Map.entry(HeightDivergenceCheck.DIFFERENCE, 2L));
        assertThat(result.message()).isEqualTo("wallet at 998, node at 1000: 2 apart (max 2)");
    }

    @Test
    void aWalletServiceFallingBehindTheNodeByMoreThanMaxDiffHasDiverged() {
        wallet.at(990);
        node.at(1_000);

        CheckResult result = check(2).check();

        assertResult(result, Status.DOWN, HeightDivergenceCheck.DIVERGED);
        assertThat(result.message()).isEqualTo("wallet at 990 is 10 blocks behind node at 1000 (max 2)");
        assertThat(result.details()).containsEntry(HeightDivergenceCheck.DIFFERENCE, 10L);
    }

    @Test
    void aSideAheadOfTheOtherDivergesToo() {
        wallet.at(1_001);
        node.at(1_000);

        CheckResult result = check(0).check();

        assertResult(result, Status.DOWN, HeightDivergenceCheck.DIVERGED);
        assertThat(result.message()).isEqualTo("node at 1000 is 1 block behind wallet at 1001 (max 0)");
        assertThat(result.details()).containsEntry(HeightDivergenceCheck.DIFFERENCE, 1L);
    }

    @Test
    void anUnreachableSideIsSourceDownNamingThatSide() {
        wallet.at(1_000);
        node.failing();

        CheckResult result = check(2).check();

        assertResult(result, Status.DOWN, SyncCheck.SOURCE_DOWN);
        assertThat(result.message()).isEqualTo("b unreachable: node: cannot reach the node: connection refused");
        assertThat(result.details()).containsEntry(HeightDivergenceCheck.UNAVAILABLE, "b")
                .containsEntry(HeightDivergenceCheck.HEIGHT_A, 1_000L)
                .doesNotContainKeys(HeightDivergenceCheck.HEIGHT_B, HeightDivergenceCheck.DIFFERENCE);
    }

    @Test
    void bothSidesUnreachableNameBoth() {
        wallet.failing(new IllegalStateException("boom"));
        node.failing();

        CheckResult result = check(2).check();

        assertResult(result, Status.DOWN, SyncCheck.SOURCE_DOWN);
        assertThat(result.message()).isEqualTo("a unreachable: IllegalStateException: boom;"
                + " b unreachable: node: cannot reach the node: connection refused");
        assertThat(result.details()).containsEntry(HeightDivergenceCheck.UNAVAILABLE, "a,b");
        assertThat(node.reads()).isEqualTo(1);
    }

    @Test
    void withoutMaxAgeTwoSidesStuckAtTheSameHeightStayUp() {
        HeightDivergenceCheck check = check(2);
        wallet.at(1_000);
        node.at(1_000);
        check.check();
        clock.advance(Duration.ofDays(1));

        assertResult(check.check(), Status.UP, SyncCheck.OK);
    }

    @Test
    void withMaxAgeASideWhoseHeightStaysPutTooLongIsStalled() {
        HeightDivergenceCheck check = check(2).withMaxAge(Duration.ofMinutes(20));
        wallet.at(1_000);
        node.at(1_000);
        check.check();
        clock.advance(Duration.ofMinutes(15));
        node.at(1_001);
        check.check();
        clock.advance(Duration.ofMinutes(5));
        CheckResult atMaxAge = check.check();
        clock.advanceSeconds(1);

        CheckResult result = check.check();

        assertResult(atMaxAge, Status.UP, SyncCheck.OK);
        assertResult(result, Status.DOWN, SyncCheck.STALLED);
        assertThat(result.message()).isEqualTo("wallet has stayed at 1000 for 1201 s (max 1200 s)");
    }

    @Test
    void withMaxAgeBothSidesStuckAreNamedAndAdvancingAgainIsUp() {
        HeightDivergenceCheck check = check(2).withMaxAge(Duration.ofMinutes(20));
        wallet.at(1_000);
        node.at(1_000);
        check.check();
        clock.advance(Duration.ofMinutes(21));

        CheckResult stuck = check.check();
        wallet.at(1_001);
        node.at(1_001);
        CheckResult moving = check.check();

        assertResult(stuck, Status.DOWN, SyncCheck.STALLED);
        assertThat(stuck.message()).isEqualTo("wallet has stayed at 1000 for 1260 s; node has stayed at 1000 for"
                + " 1260 s (max 1200 s)");
        assertResult(moving, Status.UP, SyncCheck.OK);
    }

    @Test
    void withCopiesKeepTheOriginalUnchanged() {
        HeightDivergenceCheck original = HeightDivergenceCheck.of(wallet, node, 3);

        HeightDivergenceCheck aged = original.withMaxAge(Duration.ofMinutes(5));

        assertThat(original.maxAge()).isEmpty();
        assertThat(aged.maxAge()).hasValue(Duration.ofMinutes(5));
        assertThat(aged.maxDiff()).isEqualTo(3);
        assertThat(aged.a()).isSameAs(wallet);
        assertThat(aged.b()).isSameAs(node);
        assertThat(aged).hasToString("HeightDivergenceCheck[a=wallet, b=node, maxDiff=3, maxAge=PT5M]");
    }

    @Test
    void badArgumentsAreRejectedNamingThem() {
        assertThatNullPointerException().isThrownBy(() -> HeightDivergenceCheck.of(null, node, 1)).withMessage("a");
        assertThatNullPointerException().isThrownBy(() -> HeightDivergenceCheck.of(wallet, null, 1)).withMessage("b");
        assertThatIllegalArgumentException().isThrownBy(() -> HeightDivergenceCheck.of(wallet, node, -1))
                .withMessage("maxDiff must be >= 0 but was -1");
        assertThatNullPointerException().isThrownBy(() -> check(1).withClock(null)).withMessage("clock");
        assertThatNullPointerException().isThrownBy(() -> check(1).withMaxAge(null)).withMessage("maxAge");
        assertThatIllegalArgumentException().isThrownBy(() -> check(1).withMaxAge(Duration.ZERO))
                .withMessage("maxAge must be positive but was PT0S");
    }
}
