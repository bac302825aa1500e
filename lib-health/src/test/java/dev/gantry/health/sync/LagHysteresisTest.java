package dev.gantry.health.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LagHysteresisTest {

    private final LagHysteresis hysteresis = new LagHysteresis(5, 1);

    @Test
    void startsNotLaggingAndALagOfExactlyMaxLagKeepsItSo() {
        assertThat(hysteresis.update(OptionalLong.of(5))).isFalse();
    }

    @Test
    void turnsOnAboveMaxLagAndOffOnlyAtResumeLag() {
        assertThat(hysteresis.update(OptionalLong.of(6))).isTrue();
        assertThat(hysteresis.update(OptionalLong.of(3))).isTrue();
        assertThat(hysteresis.update(OptionalLong.of(2))).isTrue();
        assertThat(hysteresis.update(OptionalLong.of(1))).isFalse();
        assertThat(hysteresis.update(OptionalLong.of(3))).isFalse();
    }

    @Test
    void anUnknownLagKeepsTheLastVerdict() {
        hysteresis.update(OptionalLong.of(10));

        assertThat(hysteresis.update(OptionalLong.empty())).isTrue();
        assertThat(hysteresis.update(OptionalLong.of(0))).isFalse();
        assertThat(hysteresis.update(OptionalLong.empty())).isFalse();
    }

    @Test
    void equalThresholdsFlipAtTheSameLagBothWays() {
        LagHysteresis noBand = new LagHysteresis(0, 0);

        assertThat(noBand.update(OptionalLong.of(1))).isTrue();
        assertThat(noBand.update(OptionalLong.of(0))).isFalse();
    }
}
