package dev.gantry.health.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SyncSignalsTest {

    private static final SyncStatus NODE = SyncStatus.of("node", 100, Instant.EPOCH);

    @Test
    void theNetworkHeightIsTheHighestOfTheNodesOwnAndEveryReferenceRead() {
        List<OptionalLong> references = List.of(OptionalLong.of(104), OptionalLong.empty(), OptionalLong.of(107));

        OptionalLong network = SyncSignals.networkHeight(NODE.withNetworkHeight(105), references);

        assertThat(network).hasValue(107);
        assertThat(SyncSignals.lag(NODE, network)).hasValue(7);
    }

    @Test
    void aNodeAheadOfItsReferencesHasNoLag() {
        OptionalLong network = SyncSignals.networkHeight(NODE, List.of(OptionalLong.of(98)));

        assertThat(network).hasValue(100);
        assertThat(SyncSignals.lag(NODE, network)).hasValue(0);
    }

    @Test
    void withoutANetworkHeightOrAReadableReferenceTheLagIsUnknown() {
        OptionalLong network = SyncSignals.networkHeight(NODE, List.of(OptionalLong.empty()));

        assertThat(network).isEmpty();
        assertThat(SyncSignals.lag(NODE, network)).isEmpty();
    }
}
