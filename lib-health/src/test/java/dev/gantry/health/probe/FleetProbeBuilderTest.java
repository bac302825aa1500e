package dev.gantry.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FleetProbeBuilderTest {

    private final FleetProbe.Builder builder = FleetProbe.builder();

    @Test
    void theDefaultsAreGet200Concurrency16TwoSecondsAndAQuarterSecondPoll() {
        try (FleetProbe probe = FleetProbe.ofDefaults()) {
            assertThat(probe.method()).isEqualTo(FleetProbe.Method.GET);
            assertThat(probe.expected()).isEqualTo("HTTP 200");
            assertThat(probe.concurrency()).isEqualTo(16);
            assertThat(probe.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(probe.pollInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(probe).hasToString(
                    "FleetProbe[GET, healthy on HTTP 200, concurrency 16, timeout 2000 ms, poll every 250 ms]");
        }
    }

    @Test
    void theSettersChangeTheProbe() {
        try (FleetProbe probe = builder.concurrency(64).timeout(Duration.ofMillis(500)).pollInterval(Duration.ofSeconds(1))
                .method(FleetProbe.Method.HEAD).expectStatusBetween(200, 399).build()) {
            assertThat(probe).hasToString(
                    "FleetProbe[HEAD, healthy on HTTP 200-399, concurrency 64, timeout 500 ms, poll every 1000 ms]");
        }
        try (FleetProbe probe = builder.expectStatus(204, 200, 200).build()) {
            assertThat(probe.expected()).isEqualTo("HTTP 200 or 204");
        }
    }

    @Test
    void concurrencyMustBeBetweenOneAndTheMaximum() {
        assertThatThrownBy(() -> builder.concurrency(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrency must be between 1 and 1024 but was 0");
        assertThatThrownBy(() -> builder.concurrency(1025)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("concurrency");
    }

    @Test
    void timeoutAndPollIntervalMustBeBetweenAMillisecondAndAnHour() {
        assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be between 1 ms and 1 hour but was PT0S");
        assertThatThrownBy(() -> builder.timeout(Duration.ofNanos(999_999))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("timeout");
        assertThatThrownBy(() -> builder.timeout(Duration.ofHours(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("timeout");
        assertThatThrownBy(() -> builder.timeout(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> builder.pollInterval(Duration.ofMillis(-5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pollInterval");
        assertThatThrownBy(() -> builder.pollInterval(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("pollInterval");
    }

    @Test
    void expectedStatusesMustBeHttpStatuses() {
        assertThatThrownBy(() -> builder.expectStatus()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("codes");
        assertThatThrownBy(() -> builder.expectStatus(200, 600)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("codes must be HTTP statuses between 100 and 599 but [200, 600] contains 600");
        assertThatThrownBy(() -> builder.expectStatusBetween(99, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("first");
        assertThatThrownBy(() -> builder.expectStatusBetween(300, 299)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("last must be between first (300) and 599");
        assertThatThrownBy(() -> builder.expectStatusBetween(200, 600)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("last");
    }

    @Test
    void theMethodMustNotBeNull() {
        assertThatThrownBy(() -> builder.method(null)).isInstanceOf(NullPointerException.class).hasMessage("method");
    }

    @Test
    void aFailedSetterLeavesThePreviousValue() {
        builder.concurrency(8);
        assertThatThrownBy(() -> builder.concurrency(-1)).isInstanceOf(IllegalArgumentException.class);

        try (FleetProbe probe = builder.build()) {
            assertThat(probe.concurrency()).isEqualTo(8);
        }
    }
}
