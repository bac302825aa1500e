package dev.gantry.health.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SyncPolicyTest {

    private static final Duration THIRTY_DAYS = SyncCheck.DEFAULT_FALSE_ALARM_EVERY;

    @Test
    void theDefaultMaxLagIsOneMinuteOfBlocksAndAtLeastThree() {
        assertThat(SyncPolicy.defaultMaxLag(Duration.ofSeconds(30))).isEqualTo(3);
        assertThat(SyncPolicy.defaultMaxLag(Duration.ofSeconds(12))).isEqualTo(5);
        assertThat(SyncPolicy.defaultMaxLag(Duration.ofMillis(400))).isEqualTo(150);
    }

    @Test
    void theDerivedMaxStallIsAGapThatHappensOncePerFalseAlarmPeriod() {
        assertThat(SyncPolicy.derivedMaxStall(Duration.ofMinutes(10), THIRTY_DAYS))
                .isBetween(Duration.ofMinutes(83), Duration.ofMinutes(84));
    }

    @Test
    void withoutAnIntervalThereIsNoStallDetectionAndMaxLagIsThree() {
        SyncPolicy policy = SyncPolicy.derive(OptionalLong.empty(), 0, Optional.empty(), THIRTY_DAYS,
                Optional.empty(), 1);

        assertThat(policy).isEqualTo(new SyncPolicy(SyncCheck.DEFAULT_MAX_LAG, 0, Optional.empty(), 1));
    }

    @Test
    void anExplicitMaxStallWinsOverTheDerivedOneAndSkipsItsCheck() {
        SyncPolicy policy = SyncPolicy.derive(OptionalLong.of(7), 2, Optional.of(Duration.ofDays(60)), THIRTY_DAYS,
                Optional.of(Duration.ofMinutes(3)), 0);

        assertThat(policy).isEqualTo(new SyncPolicy(7, 2, Optional.of(Duration.ofMinutes(3)), 0));
    }

    @Test
    void aResumeLagAboveTheEffectiveMaxLagIsRejected() {
        assertThatIllegalStateException()
                .isThrownBy(() -> SyncPolicy.derive(OptionalLong.empty(), 4, Optional.empty(), THIRTY_DAYS,
                        Optional.empty(), 1))
                .withMessage("resumeLag (4) must be <= maxLag (3)");
    }

    @Test
    void aFalseAlarmPeriodNotLongerThanTheIntervalIsRejected() {
        assertThatIllegalStateException()
                .isThrownBy(() -> SyncPolicy.derivedMaxStall(Duration.ofMinutes(10), Duration.ofMinutes(10)))
                .withMessage("falseAlarmEvery (PT10M) must be longer than expectedBlockInterval (PT10M)");
    }
}
