package dev.gantry.health.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.test.harness.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReferenceReadsTest {

    private static final Optional<Duration> MAX_STALL = Optional.of(Duration.ofSeconds(60));

    private final MutableClock clock = new MutableClock();
    private final FakeSource ref1 = FakeSource.named("ref1").at(100);
    private final FakeSource ref2 = FakeSource.named("ref2").at(200);
    private final ReferenceReads reads = new ReferenceReads("node", List.of(ref1, ref2));

    @Test
    void readsEveryReferenceInOrderAndAFailingOneIsEmpty() {
        ref2.failing(new IllegalStateException("a bug in a reference"));

        assertThat(reads.read(clock)).containsExactly(OptionalLong.of(100), OptionalLong.empty());
        assertThat(ref1.reads()).isEqualTo(1);
        assertThat(ref2.reads()).isEqualTo(1);
    }

    @Test
    void theNetworkStalledOnlyWhenEveryAvailableReferenceStalled() {
        reads.read(clock);
        clock.advanceSeconds(61);
        ref2.at(201);
        List<OptionalLong> oneAdvanced = reads.read(clock);
        ref2.failing();
        List<OptionalLong> theAdvancedOneUnavailable = reads.read(clock);

        assertThat(reads.everyAvailableStalled(oneAdvanced, MAX_STALL, clock.instant())).isFalse();
        assertThat(reads.everyAvailableStalled(theAdvancedOneUnavailable, MAX_STALL, clock.instant())).isTrue();
    }

    @Test
    void noReferenceReadOrNoMaxStallMeansTheNetworkIsNotStalled() {
        reads.read(clock);
        clock.advanceSeconds(3600);
        ref1.failing();
        ref2.failing();
        List<OptionalLong> noneRead = reads.read(clock);
        ref1.at(100);
        List<OptionalLong> oneRead = reads.read(clock);

        assertThat(reads.everyAvailableStalled(noneRead, MAX_STALL, clock.instant())).isFalse();
        assertThat(reads.everyAvailableStalled(oneRead, Optional.empty(), clock.instant())).isFalse();
        assertThat(reads.everyAvailableStalled(oneRead, MAX_STALL, clock.instant())).isTrue();
    }
}
