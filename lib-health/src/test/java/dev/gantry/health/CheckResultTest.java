package dev.gantry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckResultTest {

    @Test
    void onlyUpAndDegradedAreReady() {
        assertThat(Status.UP.isReady()).isTrue();
        assertThat(Status.DEGRADED.isReady()).isTrue();
        assertThat(Status.DOWN.isReady()).isFalse();
        assertThat(Status.UNKNOWN.isReady()).isFalse();
    }

    @Test
    void detailsKeepTheirInsertionOrder() {
        CheckResult result = CheckResult.down("node is syncing")
                .withDetail("height", 120)
                .withDetail("networkHeight", 2000)
                .withDetail("lag", 1880);

        assertThat(result.details()).containsExactly(
                Map.entry("height", 120), Map.entry("networkHeight", 2000), Map.entry("lag", 1880));
        assertThat(result.status()).isEqualTo(Status.DOWN);
    }

    @Test
    void withDetailLeavesTheOriginalUnchanged() {
        CheckResult original = CheckResult.up();

        CheckResult changed = original.withDetail("height", 5);

        assertThat(original.details()).isEmpty();
        assertThat(changed.details()).containsEntry("height", 5);
    }

    @Test
    void detailsCannotBeChangedThroughTheCallersMapOrTheAccessor() {
        Map<String, Object> mine = new HashMap<>(Map.of("peers", 8));
        CheckResult result = new CheckResult(Status.UP, "ok", mine);

        mine.put("peers", 0);

        assertThat(result.details()).containsEntry("peers", 8);
        assertThatThrownBy(() -> result.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aThrownExceptionBecomesAOneLineDownResultWithoutStackTrace() {
        RuntimeException error = new IllegalStateException("connect timed out\n\tat secret.Place(Foo.java:1)");

        CheckResult result = CheckResult.down(error);

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.message())
                .isEqualTo("IllegalStateException: connect timed out at secret.Place(Foo.java:1)")
                .doesNotContain("\n");
    }

    @Test
    void aHugeExceptionMessageIsShortened() {
        CheckResult result = CheckResult.down(new RuntimeException("x".repeat(100_000)));

        assertThat(result.message()).hasSizeLessThan(400).endsWith("…");
    }

    @Test
    void nullsAreRejectedWithTheFieldName() {
        assertThatNullPointerException().isThrownBy(() -> new CheckResult(null, "m", Map.of()))
                .withMessage("status");
        assertThatNullPointerException().isThrownBy(() -> CheckResult.up().withDetail("height", null))
                .withMessage("value");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("lag", null);
        assertThatNullPointerException().isThrownBy(() -> new CheckResult(Status.UP, "m", withNull))
                .withMessageContaining("lag");
    }

    @Test
    void aReasonCodeIsADetailThatCanBeReadBack() {
        CheckResult result = CheckResult.down("behind by 12 blocks").withReason("SYNC-LAGGING");

        assertThat(result.reason()).contains("SYNC-LAGGING");
        assertThat(result.details()).containsEntry(CheckResult.REASON, "SYNC-LAGGING");
        assertThat(CheckResult.up().reason()).isEmpty();
    }

    @Test
    void aReasonCodeMustBeStable() {
        assertThatThrownBy(() -> CheckResult.up().withReason("lagging behind"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lagging behind");
    }

    @Test
    void aCheckIsALambda() {
        HealthCheck check = () -> CheckResult.degraded("every reference node is unavailable");

        assertThat(check.check().status().isReady()).isTrue();
        assertThat(check.check().message()).contains("reference");
    }
}
