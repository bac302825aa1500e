package dev.gantry.k8s.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Finding;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The claim rules on hand-made live objects, including ones a real API server would never hold. */
class ClaimDiffTest {

    private static final StorageClass EXPANDABLE = new StorageClassBuilder().withNewMetadata().withName("c")
            .endMetadata().withAllowVolumeExpansion(true).build();

    private static PersistentVolumeClaim claim(String size) {
        PersistentVolumeClaimBuilder b = new PersistentVolumeClaimBuilder().withNewMetadata().withName("d")
                .withNamespace("ns").endMetadata().withNewSpec().withStorageClassName("c")
                .withAccessModes("ReadWriteOnce").withNewResources().endResources().endSpec()
                .withNewStatus().withPhase("Bound").endStatus();
        if (size != null) {
            b.editSpec().editResources().addToRequests("storage", new Quantity(size)).endResources().endSpec();
        }
        return b.build();
    }

    private static Comparison compare(PersistentVolumeClaim live, String plannedSize) {
        return ClaimDiff.compare(claim(plannedSize), live, Optional.of(EXPANDABLE), Optional.of(EXPANDABLE));
    }

    @Test
    void comparesSizesByBytesNotBySpelling() {
        Comparison c = compare(claim("10737418240"), "10Gi");

        assertThat(c.lines).isEmpty();
        assertThat(c.refusals).isEmpty();
    }

    @Test
    void growsABoundClaimThroughAMergePatchOfTheRequestAlone() {
        Comparison c = compare(claim("10Gi"), "12Gi");

        assertThat(c.lines).containsExactly("spec.resources.requests.storage: 10Gi -> 12Gi");
        assertThat(c.patch).isEqualTo(Map.of("spec", Map.of("resources",
                Map.of("requests", Map.of("storage", "12Gi")))));
    }

    @Test
    void refusesLiveRequestsItCannotRead() {
        for (String hostile : new String[] {"12x", "-5Gi", "1e30", "9999999999Ei"}) {
            Comparison c = compare(claim(hostile), "12Gi");

            assertThat(c.refusals).as(hostile).extracting(Finding::code).containsExactly("CARVE-APPLY-LIVE-UNREADABLE");
            assertThat(c.patch).as(hostile).isEmpty();
        }
    }

    @Test
    void refusesALiveClaimWithoutRequestsOrStatus() {
        PersistentVolumeClaim live = claim(null);
        live.setStatus(null);

        assertThat(compare(live, "1Gi").refusals).extracting(Finding::message)
                .singleElement().asString().contains("requests.storage is missing");
    }

    @Test
    void aPendingClaimOnAnotherNodeIsNotMoved() {
        PersistentVolumeClaim live = claim("1Gi");
        live.getStatus().setPhase("Pending");
        live.getMetadata().setAnnotations(Map.of(StorageRules.SELECTED_NODE, "worker-9"));
        PersistentVolumeClaim planned = claim("1Gi");
        planned.getMetadata().setAnnotations(Map.of(ClaimDiff.PLANNED_NODE, "worker-1"));

        Comparison c = ClaimDiff.compare(planned, live, Optional.of(EXPANDABLE), Optional.of(EXPANDABLE));

        assertThat(c.refusals).isEmpty();
        assertThat(c.lines).containsExactly("metadata.annotations[gantry.dev/planned-node]: (none) -> worker-1");
    }
}
