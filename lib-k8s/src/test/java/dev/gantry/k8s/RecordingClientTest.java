package dev.gantry.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

/** The recorder itself: it must see writes at any depth of the DSL, or the read-only tests prove nothing. */
@EnableKubernetesMockClient(crud = true)
class RecordingClientTest {

    KubernetesClient client;

    @Test
    void recordsAWriteDeepInTheDslAndTheRealServerStillAnswers() {
        RecordingClient recorder = RecordingClient.wrapping(client);

        recorder.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-1").endMetadata()
                .build()).create();

        assertThat(recorder.calls()).containsExactly("nodes", "resource", "create");
        assertThat(recorder.writes()).containsExactly("create");
        assertThat(client.nodes().withName("worker-1").get()).isNotNull();
    }

    @Test
    void recordsDeletesThroughGenericResourcesAndReadsAsNoWrite() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-1").endMetadata().build())
                .create();
        RecordingClient recorder = RecordingClient.wrapping(client);

        assertThat(recorder.client().nodes().list().getItems()).hasSize(1);
        assertThat(recorder.writes()).isEmpty();

        recorder.client().storage().v1().storageClasses().withName("gone").delete();
        recorder.client().nodes().withName("worker-1").edit(n -> n);
        assertThat(recorder.writes()).containsExactly("delete", "edit");
    }
}
