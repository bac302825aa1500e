package dev.gantry.k8s.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.storage.CarvingPlan;
import dev.gantry.core.storage.StorageDriver;
import dev.gantry.k8s.KubernetesApiException;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimListBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassListBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exact requests apply sends, in fabric8's expectations mode (the mock answers only what is
 * expected and records every request; unlike CRUD mode it stores nothing, so a dry run cannot
 * leak into the state under test).
 */
@EnableKubernetesMockClient
class StorageApplyRequestsTest {

    private static final String CLASSES = "/apis/storage.k8s.io/v1/storageclasses";
    private static final String CLAIMS = "/api/v1/namespaces/prod/persistentvolumeclaims";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    KubernetesMockServer server;
    KubernetesClient client;

    private final CarvingPlan plan = Plans.db(StorageDriver.topolvm(), "10Gi");

    private void emptyCluster() {
        server.expect().get().withPath(CLASSES).andReturn(200, new StorageClassListBuilder().build()).always();
        server.expect().get().withPath(CLAIMS).andReturn(200, new PersistentVolumeClaimListBuilder().build()).always();
    }

    private List<RecordedRequest> writes() throws InterruptedException {
        List<RecordedRequest> writes = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
            if (r != null && !"GET".equals(r.getMethod())) {
                writes.add(r);
            }
        }
        return writes;
    }

    private List<Object> plannedObjects() {
        return plan.manifests().stream().map(yaml -> (Object) client.getKubernetesSerialization().unmarshal(yaml)).toList();
    }

    @Test
    void dryRunCreatesCarryDryRunAllAndTheFieldManager() throws InterruptedException {
        emptyCluster();
        server.expect().post().withPath(CLASSES + "?fieldManager=gantry&dryRun=All").andReturn(201, "{}").once();
        server.expect().post().withPath(CLAIMS + "?fieldManager=gantry&dryRun=All").andReturn(201, "{}").times(2);

        StoragePreview preview = StorageApply.of(client).preview(plan);

        assertThat(preview.changes()).extracting(StorageChange::action).containsOnly(StorageChange.Action.CREATE);
        List<RecordedRequest> writes = writes();
        assertThat(writes).extracting(RecordedRequest::getPath).containsExactly(
                CLASSES + "?fieldManager=gantry&dryRun=All",
                CLAIMS + "?fieldManager=gantry&dryRun=All",
                CLAIMS + "?fieldManager=gantry&dryRun=All");
        assertThat(writes).allSatisfy(r -> {
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        });
        JsonNode claim = JSON.readTree(writes.get(2).getUtf8Body());
        assertThat(claim.at("/metadata/name").asString()).isEqualTo("data-db-1");
        assertThat(claim.at("/metadata/annotations/volume.kubernetes.io~1selected-node").asString()).isEqualTo("worker-2");
        assertThat(claim.at("/spec/resources/requests/storage").asString()).isEqualTo("10Gi");
    }

    @Test
    void applySendsEveryDryRunFirstThenTheSameWritesWithoutDryRun() throws InterruptedException {
        emptyCluster();
        server.expect().post().withPath(CLASSES + "?fieldManager=gantry&dryRun=All").andReturn(201, "{}").once();
        server.expect().post().withPath(CLAIMS + "?fieldManager=gantry&dryRun=All").andReturn(201, "{}").times(2);
        server.expect().post().withPath(CLASSES + "?fieldManager=gantry").andReturn(201, "{}").once();
        server.expect().post().withPath(CLAIMS + "?fieldManager=gantry").andReturn(201, "{}").times(2);

        assertThat(StorageApply.of(client).apply(plan).ok()).isTrue();

        assertThat(writes()).extracting(RecordedRequest::getPath).containsExactly(
                CLASSES + "?fieldManager=gantry&dryRun=All",
                CLAIMS + "?fieldManager=gantry&dryRun=All",
                CLAIMS + "?fieldManager=gantry&dryRun=All",
                CLASSES + "?fieldManager=gantry",
                CLAIMS + "?fieldManager=gantry",
                CLAIMS + "?fieldManager=gantry");
    }

    @Test
    void aChangeIsAMergePatchWithTheResourceVersionReadByThePreview() throws InterruptedException {
        List<Object> planned = plannedObjects();
        StorageClass live = new StorageClassBuilder((StorageClass) planned.get(0)).withAllowVolumeExpansion(false)
                .editMetadata().withResourceVersion("42").endMetadata().build();
        List<PersistentVolumeClaim> claims = planned.subList(1, 3).stream().map(o -> new PersistentVolumeClaimBuilder(
                (PersistentVolumeClaim) o).withNewStatus().withPhase("Bound").endStatus().build()).toList();
        server.expect().get().withPath(CLASSES).andReturn(200, new StorageClassListBuilder().addToItems(live).build())
                .always();
        server.expect().get().withPath(CLAIMS).andReturn(200, new PersistentVolumeClaimListBuilder().addAllToItems(claims)
                .build()).always();
        String item = CLASSES + "/gantry-topolvm-vg0";
        server.expect().patch().withPath(item + "?fieldManager=gantry&dryRun=All").andReturn(200, "{}").once();
        server.expect().patch().withPath(item + "?fieldManager=gantry").andReturn(200, "{}").once();

        assertThat(StorageApply.of(client).apply(plan).findings()).extracting(f -> f.code())
                .containsExactly("CARVE-APPLY-PATCHED", "CARVE-APPLY-UNCHANGED", "CARVE-APPLY-UNCHANGED");

        List<RecordedRequest> writes = writes();
        assertThat(writes).extracting(RecordedRequest::getPath)
                .containsExactly(item + "?fieldManager=gantry&dryRun=All", item + "?fieldManager=gantry");
        assertThat(writes).allSatisfy(r -> {
            assertThat(r.getMethod()).isEqualTo("PATCH");
            assertThat(r.getHeader("Content-Type")).startsWith("application/merge-patch+json");
            assertThat(JSON.readTree(r.getUtf8Body())).isEqualTo(JSON.readTree(
                    "{\"allowVolumeExpansion\":true,\"metadata\":{\"resourceVersion\":\"42\"}}"));
        });
    }

    @Test
    void anotherFieldManagerIsSentOnEveryWrite() throws InterruptedException {
        emptyCluster();
        server.expect().post().withPath(CLASSES + "?fieldManager=ops-team&dryRun=All").andReturn(201, "{}").once();
        server.expect().post().withPath(CLAIMS + "?fieldManager=ops-team&dryRun=All").andReturn(201, "{}").times(2);

        StorageApply.of(client).withFieldManager("ops-team").preview(plan);

        assertThat(writes()).hasSize(3).allSatisfy(r -> assertThat(r.getPath()).contains("fieldManager=ops-team"));
    }

    @Test
    void anAnswerThatIsNotAStatusIsQuotedShortened() {
        emptyCluster();
        server.expect().post().withPath(CLASSES + "?fieldManager=gantry&dryRun=All")
                .andReturn(400, "<html>" + "x".repeat(5_000) + "</html>").always();

        String message = StorageApply.of(client).preview(plan).report().findings().get(0).message();

        assertThat(message).contains("HTTP 400", "<html>xxx").hasSizeLessThan(1_000);
    }

    @Test
    void aServerErrorInADryRunThrowsInsteadOfBecomingAFinding() {
        emptyCluster();
        server.expect().post().withPath(CLASSES + "?fieldManager=gantry&dryRun=All").andReturn(503, "{}").always();

        assertThatThrownBy(() -> StorageApply.of(client).preview(plan))
                .isInstanceOf(KubernetesApiException.class)
                .hasMessageContaining("dry-run create StorageClass gantry-topolvm-vg0")
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void aWriteThatGetsNoAnswerWithinTheClientsRequestTimeoutFails() {
        emptyCluster();
        server.expect().post().delay(3, TimeUnit.SECONDS).withPath(CLASSES + "?fieldManager=gantry&dryRun=All")
                .andReturn(201, "{}").always();
        try (KubernetesClient impatient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                client.getConfiguration()).withRequestTimeout(300).withRequestRetryBackoffLimit(0).build()).build()) {
            assertThatThrownBy(() -> StorageApply.of(impatient).preview(plan))
                    .isInstanceOf(KubernetesApiException.class)
                    .hasMessageContaining("dry-run create StorageClass gantry-topolvm-vg0")
                    .hasMessageContaining("no answer within 300 ms, the client's request timeout");
        }
    }
}
