package dev.gantry.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesApiExceptionTest {

    KubernetesClient client;

    @Test
    void creatingAnExistingObjectSaysConflictAndHowToRecover() {
        ConfigMap config = configMap("gantry-plan");
        client.configMaps().inNamespace("kube-system").resource(config).create();

        KubernetesApiException error = translate("create ConfigMap gantry-plan",
                () -> client.configMaps().inNamespace("kube-system").resource(config).create());

        assertThat(error.httpStatus()).hasValue(409);
        assertThat(error.action()).isEqualTo("create ConfigMap gantry-plan");
        assertThat(error.getMessage())
                .startsWith("create ConfigMap gantry-plan failed: HTTP 409")
                .contains("read it again and retry");
        assertThat(error.getCause()).isInstanceOf(KubernetesClientException.class);
    }

    @Test
    void editingAMissingObjectSaysNotFoundWithTheResourceAndNamespace() {
        KubernetesApiException error = translate("label ConfigMap missing",
                () -> client.configMaps().inNamespace("kube-system").withName("missing")
                        .edit(cm -> new ConfigMapBuilder(cm).editMetadata().addToLabels("a", "b").endMetadata().build()));

        assertThat(error.httpStatus()).hasValue(404);
        assertThat(error.getMessage())
                .contains("HTTP 404")
                .contains("configmaps")
                .contains("kube-system")
                .contains("Check the name and namespace");
    }

    @Test
    void anUnreachableApiServerSaysNoAnswerAndPointsAtTheKubeconfig() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + closedPort)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(2_000)
                .withRequestTimeout(2_000)
                .build();
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
            KubernetesApiException error = translate("list nodes",
                    () -> unreachable.nodes().list());

            assertThat(error.httpStatus()).isEmpty();
            assertThat(error.getMessage())
                    .startsWith("list nodes failed: no answer from the API server")
                    .contains("server URL");
        }
    }

    @Test
    void everyCommonStatusHasARemedy() {
        assertThat(KubernetesApiException.remedy(401)).contains("credentials");
        assertThat(KubernetesApiException.remedy(403)).contains("RBAC");
        assertThat(KubernetesApiException.remedy(422)).contains("invalid");
        assertThat(KubernetesApiException.remedy(429)).contains("throttling");
        assertThat(KubernetesApiException.remedy(503)).contains("/readyz");
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("kube-system").endMetadata()
                .addToData("plan", "{}").build();
    }

    private static KubernetesApiException translate(String action, Runnable call) {
        KubernetesClientException raw = catchThrowableOfType(KubernetesClientException.class, call::run);
        assertThat(raw).as("the call should have failed").isNotNull();
        return KubernetesApiException.from(action, raw);
    }
}
