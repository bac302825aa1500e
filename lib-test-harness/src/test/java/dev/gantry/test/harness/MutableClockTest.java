package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void standsStillUntilAdvanced() {
        MutableClock clock = new MutableClock(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.instant()).isEqualTo(START);
        clock.advance(Duration.ofMinutes(2));
        clock.advanceSeconds(3);

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(123));
        assertThat(clock.millis()).isEqualTo(START.plusSeconds(123).toEpochMilli());
    }

    @Test
    void startsAtTheFirstOf2025InUtcByDefault() {
        MutableClock clock = new MutableClock();

        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void refusesToMoveBackwards() {
        MutableClock clock = new MutableClock(START);

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forward");
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void refusesAnotherZone() {
        assertThatThrownBy(() -> new MutableClock().withZone(ZoneId.of("Europe/Paris")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
