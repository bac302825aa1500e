package dev.gantry.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void returnsAPositiveDurationUnchanged() {
        Duration timeout = Duration.ofSeconds(3);

        assertThat(Checks.positive(timeout, "timeout")).isSameAs(timeout);
        assertThat(Checks.positive(timeout, Duration.ofSeconds(3), "timeout")).isSameAs(timeout);
    }

    @Test
    void rejectsZeroAndNegativeDurationsNamingTheArgumentAndTheValue() {
        assertThatThrownBy(() -> Checks.positive(Duration.ZERO, "timeout"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive but was PT0S");
        assertThatThrownBy(() -> Checks.positive(Duration.ofMillis(-5), "maxAge"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAge must be positive but was PT-0.005S");
    }

    @Test
    void rejectsAMissingDurationWithItsName() {
        assertThatThrownBy(() -> Checks.positive((Duration) null, "commandTimeout"))
                .isInstanceOf(NullPointerException.class).hasMessage("commandTimeout");
        assertThatThrownBy(() -> Checks.notNull(null, "executor"))
                .isInstanceOf(NullPointerException.class).hasMessage("executor");
    }

    @Test
    void rejectsADurationAboveItsMaximumNamingBoth() {
        assertThatThrownBy(() -> Checks.positive(Duration.ofDays(2), Duration.ofDays(1), "nodeTimeout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodeTimeout must be at most PT24H but was PT48H");
    }

    @Test
    void checksPositiveNumbersAndRanges() {
        assertThat(Checks.positive(1L, "maxBodyBytes")).isEqualTo(1L);
        assertThatThrownBy(() -> Checks.positive(0L, "maxBodyBytes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBodyBytes must be positive but was 0");
        assertThat(Checks.between(256, 1, 256, "parallelism")).isEqualTo(256);
        assertThatThrownBy(() -> Checks.between(0, 1, 256, "parallelism"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parallelism must be 1..256 but was 0");
        assertThatThrownBy(() -> Checks.between(Integer.MAX_VALUE, 1, 256, "parallelism"))
                .hasMessage("parallelism must be 1..256 but was 2147483647");
    }

    @Test
    void isTrueFormatsItsMessageOnlyWhenTheConditionFails() {
        Checks.isTrue(true, "%s never formatted %d", "x");

        assertThatThrownBy(() -> Checks.isTrue(false, "%s must be odd but was %s", "members", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("members must be odd but was 4");
    }
}
