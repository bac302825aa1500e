package dev.gantry.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.health.sync.SyncSourceException;
import dev.gantry.health.sync.SyncStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScriptedSyncSourceTest {

    private static SyncStatus at(long height) {
        return SyncStatus.of("node-1", height, Instant.EPOCH);
    }

    @Test
    void answersTheScriptedStatusesInOrderThenRepeatsTheLast() {
        ScriptedSyncSource node = ScriptedSyncSource.named("node-1").then(at(100)).then(at(105));

        assertThat(node.read().height()).isEqualTo(100);
        assertThat(node.read().height()).isEqualTo(105);
        assertThat(node.read().height()).isEqualTo(105);
        assertThat(node.reads()).isEqualTo(3);
    }

    @Test
    void throwsAScriptedFailureInItsTurnAndRepeatsItIfLast() {
        SyncSourceException refused = new SyncSourceException("node-1", "cannot reach the node: connection refused");
        ScriptedSyncSource node = ScriptedSyncSource.named("node-1").then(at(100)).thenThrow(refused);

        assertThat(node.read().height()).isEqualTo(100);
        assertThatThrownBy(node::read).isSameAs(refused);
        assertThatThrownBy(node::read).isSameAs(refused);
    }

    @Test
    void setDropsTheRestOfTheScriptAndAnswersTheNewStatus() {
        ScriptedSyncSource node = ScriptedSyncSource.named("node-1").then(at(1)).then(at(2));

        node.set(at(50));

        assertThat(node.read().height()).isEqualTo(50);
        assertThat(node.read().height()).isEqualTo(50);
    }

    @Test
    void aReadBeforeAnythingIsScriptedFailsNamingTheSource() {
        ScriptedSyncSource node = ScriptedSyncSource.named("node-7");

        assertThatThrownBy(node::read).isInstanceOf(IllegalStateException.class).hasMessageContaining("node-7");
        assertThat(node.name()).isEqualTo("node-7");
    }
}
