package dev.gantry.k8s.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import dev.gantry.core.storage.CarvingPlan;
import dev.gantry.core.storage.StorageDriver;
import dev.gantry.k8s.KubernetesApiException;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Apply's behaviour against fabric8's CRUD mock, made to honour {@code dryRun=All}
 * ({@link DryRunCluster}); the exact request shapes are in {@link StorageApplyRequestsTest}.
 */
class StorageApplyTest {

    private static final String CLASS = "gantry-topolvm-vg0";

    private DryRunCluster cluster;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = new DryRunCluster();
        client = cluster.client;
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private StorageClass liveClass(String name) {
        return client.storage().v1().storageClasses().withName(name).get();
    }

    private PersistentVolumeClaim liveClaim(String name) {
        return client.persistentVolumeClaims().inNamespace("prod").withName(name).get();
    }

    private void markBound(String name) {
        client.persistentVolumeClaims().inNamespace("prod").withName(name).editStatus(pvc -> new PersistentVolumeClaimBuilder(pvc)
                .withNewStatus().withPhase("Bound").endStatus().build());
    }

    private static List<Finding> withCode(Report report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void firstApplyCreatesTheClassesAndClaimsWithTheManifestsLabelsAndAnnotations() {
        Report report = StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));

        assertThat(report.ok()).isTrue();
        assertThat(report.findings()).extracting(Finding::code).containsOnly("CARVE-APPLY-CREATED").hasSize(3);
        StorageClass sc = liveClass(CLASS);
        assertThat(sc.getProvisioner()).isEqualTo("topolvm.io");
        assertThat(sc.getVolumeBindingMode()).isEqualTo("WaitForFirstConsumer");
        assertThat(sc.getAllowVolumeExpansion()).isTrue();
        assertThat(sc.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "gantry");
        assertThat(sc.getMetadata().getAnnotations()).containsEntry("gantry.dev/pool", "vg0");
        PersistentVolumeClaim pvc = liveClaim("data-db-1");
        assertThat(pvc.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "gantry");
        assertThat(pvc.getMetadata().getAnnotations()).containsEntry("volume.kubernetes.io/selected-node", "worker-2")
                .containsEntry("gantry.dev/planned-node", "worker-2");
        assertThat(pvc.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("10Gi"));
        assertThat(pvc.getSpec().getStorageClassName()).isEqualTo(CLASS);
    }

    @Test
    void previewStoresNothingAndShowsEveryObjectAsACreate() {
        StoragePreview preview = StorageApply.of(client).preview(Plans.db(StorageDriver.topolvm(), "10Gi"));

        assertThat(preview.changes()).extracting(StorageChange::action).containsOnly(StorageChange.Action.CREATE);
        assertThat(preview.diff()).isEqualTo("+ StorageClass " + CLASS + " (create)\n"
                + "+ PersistentVolumeClaim prod/data-db-0 (create)\n"
                + "+ PersistentVolumeClaim prod/data-db-1 (create)\n");
        assertThat(preview.writes()).isEqualTo(3);
        assertThat(cluster.realWrites()).isEmpty();
        assertThat(client.storage().v1().storageClasses().list().getItems()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace("prod").list().getItems()).isEmpty();
    }

    @Test
    void secondApplyReportsEverythingUnchangedAndWritesNothing() {
        CarvingPlan plan = Plans.db(StorageDriver.topolvm(), "10Gi");
        StorageApply.of(client).apply(plan);
        cluster.forgetRequests();

        Report again = StorageApply.of(client).apply(plan);

        assertThat(again.findings()).extracting(Finding::code).containsOnly("CARVE-APPLY-UNCHANGED").hasSize(3);
        assertThat(again.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.PASS));
        assertThat(cluster.requests()).allSatisfy(r -> assertThat(r).startsWith("GET "));
    }

    @Test
    void refusesToShrinkAClaimAndLeavesTheLiveClaimUntouched() {
        StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));
        cluster.forgetRequests();

        Report report = StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "8Gi"));

        assertThat(withCode(report, "CARVE-APPLY-PVC-SHRINK")).hasSize(2).first().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("requests 10Gi", "asks for 8Gi", "forbids shrinking");
        });
        assertThat(withCode(report, "CARVE-APPLY-REFUSED")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("nothing was written"));
        assertThat(cluster.realWrites()).isEmpty();
        assertThat(liveClaim("data-db-0").getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("10Gi"));
    }

    @Test
    void reportsAClassWithAnotherImmutableFieldAsMustBeRecreatedAndLeavesItUntouched() {
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName(CLASS)
                .endMetadata().withProvisioner("topolvm.io").withReclaimPolicy("Retain")
                .withParameters(Map.of("topolvm.io/device-class", "hdd", "csi.storage.k8s.io/fstype", "ext4"))
                .withVolumeBindingMode("WaitForFirstConsumer").withAllowVolumeExpansion(true).build()).create();
        cluster.forgetRequests();

        StoragePreview preview = StorageApply.of(client).preview(Plans.db(StorageDriver.topolvm(), "10Gi"));
        Report report = StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));

        assertThat(preview.changes().get(0).fields()).contains("parameters[topolvm.io/device-class]: hdd -> vg0",
                "reclaimPolicy: Retain -> Delete");
        assertThat(preview.diff()).startsWith("! StorageClass " + CLASS + " (refused)\n"
                + "    parameters[topolvm.io/device-class]: hdd -> vg0\n");
        assertThat(withCode(report, "CARVE-APPLY-CLASS-IMMUTABLE")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("must be recreated", "keep storageClassName " + CLASS);
            assertThat(f.remedy()).isEqualTo("kubectl delete storageclass " + CLASS + ", then apply the plan again");
        });
        assertThat(cluster.realWrites()).isEmpty();
        assertThat(liveClass(CLASS).getReclaimPolicy()).isEqualTo("Retain");
        assertThat(liveClaim("data-db-0")).isNull();
    }

    @Test
    void growsABoundClaimWhenItsClassAllowsExpansion() {
        StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));
        markBound("data-db-0");
        markBound("data-db-1");
        cluster.forgetRequests();

        StoragePreview preview = StorageApply.of(client).preview(Plans.db(StorageDriver.topolvm(), "12Gi"));
        Report report = StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "12Gi"));

        assertThat(preview.changes().get(1)).satisfies(c -> {
            assertThat(c.action()).isEqualTo(StorageChange.Action.CHANGE);
            assertThat(c.fields()).contains("spec.resources.requests.storage: 10Gi -> 12Gi",
                    "metadata.annotations[gantry.dev/allocated-bytes]: 10737418240 -> 12884901888");
        });
        assertThat(withCode(report, "CARVE-APPLY-PATCHED")).hasSize(2);
        assertThat(cluster.realWrites()).hasSize(2)
                .allSatisfy(r -> assertThat(r).startsWith("PATCH /api/v1/namespaces/prod/persistentvolumeclaims/data-db-"));
        assertThat(liveClaim("data-db-0").getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("12Gi"));
        assertThat(liveClaim("data-db-0").getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "gantry");
    }

    @Test
    void refusesToGrowAClaimWhoseClassDoesNotAllowExpansion() {
        StorageApply.of(client).apply(Plans.db(StorageDriver.localPath(), "10Gi"));
        markBound("data-db-0");
        markBound("data-db-1");

        Report report = StorageApply.of(client).apply(Plans.db(StorageDriver.localPath(), "12Gi"));

        assertThat(withCode(report, "CARVE-APPLY-PVC-NO-EXPANSION")).hasSize(2).first()
                .satisfies(f -> assertThat(f.message()).contains("10Gi to 12Gi", "does not allow volume expansion"));
        assertThat(liveClaim("data-db-0").getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("10Gi"));
    }

    @Test
    void refusesToGrowAClaimThatIsNotBoundYet() {
        StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));

        Report report = StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "12Gi"));

        assertThat(withCode(report, "CARVE-APPLY-PVC-NOT-BOUND")).hasSize(2);
        assertThat(liveClaim("data-db-1").getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("10Gi"));
    }

    @Test
    void refusesAClaimWhoseImmutableSpecFieldsDiffer() {
        client.persistentVolumeClaims().inNamespace("prod").resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("data-db-0").withNamespace("prod").endMetadata().withNewSpec()
                .withStorageClassName("standard").withAccessModes("ReadWriteMany").withVolumeMode("Block")
                .withNewSelector().addToMatchLabels("disk", "fast").endSelector()
                .withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources().endSpec().build())
                .create();

        StoragePreview preview = StorageApply.of(client).preview(Plans.db(StorageDriver.topolvm(), "10Gi"));

        assertThat(preview.changes().get(1).action()).isEqualTo(StorageChange.Action.REFUSED);
        assertThat(preview.changes().get(1).fields()).contains("spec.storageClassName: standard -> " + CLASS,
                "spec.accessModes: [ReadWriteMany] -> [ReadWriteOnce]", "spec.volumeMode: Block -> Filesystem",
                "spec.selector: matchLabels {disk=fast}, 0 expressions -> (none)");
        assertThat(withCode(preview.report(), "CARVE-APPLY-PVC-IMMUTABLE")).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("PersistentVolumeClaim prod/data-db-0"));
        assertThat(preview.ok()).isFalse();
    }

    @Test
    void refusesABoundClaimWhoseVolumeIsOnAnotherNodeThanPlanned() {
        StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));
        markBound("data-db-0");
        client.persistentVolumeClaims().inNamespace("prod").withName("data-db-0").edit(pvc -> new PersistentVolumeClaimBuilder(pvc)
                .editMetadata().addToAnnotations("volume.kubernetes.io/selected-node", "worker-9").endMetadata().build());

        Report report = StorageApply.of(client).preview(Plans.db(StorageDriver.topolvm(), "10Gi")).report();

        assertThat(withCode(report, "CARVE-APPLY-PVC-MOVED")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("on node worker-9", "puts it on worker-1"));
    }

    @Test
    void patchesMutableClassFieldsInPlace() {
        StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));
        client.storage().v1().storageClasses().withName(CLASS).edit(sc -> new StorageClassBuilder(sc)
                .withAllowVolumeExpansion(false).withMountOptions("noatime").build());

        StoragePreview preview = StorageApply.of(client).preview(Plans.db(StorageDriver.topolvm(), "10Gi"));
        StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));

        assertThat(preview.changes().get(0).fields()).containsExactly("allowVolumeExpansion: false -> true",
                "mountOptions: [noatime] -> []");
        assertThat(liveClass(CLASS).getAllowVolumeExpansion()).isTrue();
        assertThat(liveClass(CLASS).getMountOptions()).isEmpty();
        assertThat(StorageApply.of(client).preview(Plans.db(StorageDriver.topolvm(), "10Gi")).writes()).isZero();
    }

    @Test
    void aPlanThatAddsANodeWidensTheClassTopologiesAndCreatesTheNewClaim() {
        StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));

        StoragePreview preview = StorageApply.of(client).preview(Plans.replicas(StorageDriver.topolvm(), "10Gi", 3));

        assertThat(preview.diff()).isEqualTo("~ StorageClass " + CLASS + " (change)\n"
                + "    allowedTopologies: topology.topolvm.io/node in [worker-1, worker-2] ->"
                + " topology.topolvm.io/node in [worker-1, worker-2, worker-3]\n"
                + "= PersistentVolumeClaim prod/data-db-0 (unchanged)\n"
                + "= PersistentVolumeClaim prod/data-db-1 (unchanged)\n"
                + "+ PersistentVolumeClaim prod/data-db-2 (create)\n");
        StorageApply.of(client).apply(Plans.replicas(StorageDriver.topolvm(), "10Gi", 3));
        assertThat(liveClass(CLASS).getAllowedTopologies()).singleElement().satisfies(t -> assertThat(t
                .getMatchLabelExpressions().get(0).getValues()).containsExactly("worker-1", "worker-2", "worker-3"));
    }

    @Test
    void comparesALiveClassWithMissingFieldsAsTheApiServerDefaultsThem() {
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName(CLASS)
                .endMetadata().withProvisioner("topolvm.io").build()).create();

        StoragePreview preview = StorageApply.of(client).preview(Plans.db(StorageDriver.topolvm(), "10Gi"));

        assertThat(preview.changes().get(0).fields()).contains("volumeBindingMode: Immediate -> WaitForFirstConsumer",
                "parameters[topolvm.io/device-class]: (none) -> vg0", "allowVolumeExpansion: false -> true",
                "metadata.labels[app.kubernetes.io/managed-by]: (none) -> gantry")
                .noneMatch(line -> line.startsWith("reclaimPolicy"));
    }

    @Test
    void refusesALiveClaimWithoutSpecOrRequests() {
        client.persistentVolumeClaims().inNamespace("prod").resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("data-db-0").withNamespace("prod").endMetadata().build()).create();
        client.persistentVolumeClaims().inNamespace("prod").resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("data-db-1").withNamespace("prod").endMetadata().withNewSpec().withStorageClassName(CLASS)
                .withAccessModes("ReadWriteOnce").endSpec().build()).create();
        cluster.forgetRequests();

        Report report = StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));

        assertThat(withCode(report, "CARVE-APPLY-LIVE-UNREADABLE")).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).contains("prod/data-db-0", "it has no spec"),
                m -> assertThat(m).contains("prod/data-db-1", "requests.storage is missing"));
        assertThat(cluster.realWrites()).isEmpty();
    }

    @Test
    void reportsADryRunTheApiServerRejectsAndWritesNothing() {
        cluster.rejectDryRunsOf("data-db-1");

        Report report = StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi"));

        assertThat(withCode(report, "CARVE-APPLY-DRY-RUN-REJECTED")).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("PersistentVolumeClaim prod/data-db-1");
            assertThat(f.message()).contains("HTTP 422", "admission webhook");
        });
        assertThat(cluster.realWrites()).isEmpty();
        assertThat(liveClass(CLASS)).isNull();
    }

    @Test
    void aConflictDuringApplyNamesTheObjectAndHowToResume() {
        cluster.conflictOnNextCreate();

        assertThatThrownBy(() -> StorageApply.of(client).apply(Plans.db(StorageDriver.topolvm(), "10Gi")))
                .isInstanceOf(KubernetesApiException.class)
                .hasMessageContaining("create StorageClass " + CLASS)
                .hasMessageContaining("write 1 of 3")
                .hasMessageContaining("rerun apply to resume")
                .hasMessageContaining("HTTP 409")
                .satisfies(e -> assertThat(((KubernetesApiException) e).httpStatus()).hasValue(409));
    }

    @Test
    void aRerunAfterAFailedApplyResumesWithWhatIsLeft() {
        CarvingPlan plan = Plans.db(StorageDriver.topolvm(), "10Gi");
        cluster.conflictOnNextCreate();
        assertThatThrownBy(() -> StorageApply.of(client).apply(plan)).isInstanceOf(KubernetesApiException.class);

        Report report = StorageApply.of(client).apply(plan);

        assertThat(report.findings()).extracting(Finding::code).containsOnly("CARVE-APPLY-CREATED").hasSize(3);
        assertThat(StorageApply.of(client).preview(plan).writes()).isZero();
    }

    @Test
    void appliesAPlanOfTwoHundredClaimsWithOneListPerKind() {
        CarvingPlan plan = Plans.replicas(StorageDriver.topolvm(), "1Gi", 200);

        StoragePreview preview = StorageApply.of(client).preview(plan);

        assertThat(preview.changes()).hasSize(201);
        assertThat(cluster.requests()).filteredOn(r -> r.startsWith("GET ")).hasSize(2);
        StorageApply.of(client).apply(plan);
        cluster.forgetRequests();
        assertThat(StorageApply.of(client).preview(plan).changes()).extracting(StorageChange::action)
                .containsOnly(StorageChange.Action.UNCHANGED);
        assertThat(cluster.requests()).hasSize(2);
    }

    @Test
    void anEmptyPlanWritesNothingAndSaysSo() {
        CarvingPlan plan = Plans.replicas(StorageDriver.topolvm(), "1Gi", 0);

        StoragePreview preview = StorageApply.of(client).preview(plan);

        assertThat(preview.changes()).isEmpty();
        assertThat(preview.report().findings()).extracting(Finding::code).containsExactly("CARVE-APPLY-EMPTY");
        assertThat(preview.diff()).isEmpty();
    }

    @Test
    void usesTheFieldManagerItIsGiven() {
        StorageApply.of(client).withFieldManager("ops-team").apply(Plans.db(StorageDriver.topolvm(), "10Gi"));

        assertThat(cluster.requests()).filteredOn(r -> !r.startsWith("GET ")).hasSize(6)
                .allSatisfy(r -> assertThat(r).contains("fieldManager=ops-team"));
    }

    @Test
    void refusesABlankOrOverlongFieldManager() {
        assertThatThrownBy(() -> StorageApply.of(client).withFieldManager(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fieldManager");
        assertThatThrownBy(() -> StorageApply.of(client).withFieldManager("m".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 128 characters");
    }
}
