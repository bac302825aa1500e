package dev.gantry.k8s.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.GantryException;
import dev.gantry.core.storage.StorageDriver;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a plan's manifests back as objects; the planner never writes the bad ones, so they are hand-made. */
class PlannedObjectsTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    void readsAPlansClassesAndClaimsInOrder() {
        PlannedObjects objects = PlannedObjects.read(Plans.db(StorageDriver.lvmLocalPv(), "1Gi").manifests(),
                serialization);

        assertThat(objects.classes()).extracting(c -> c.getMetadata().getName()).containsExactly("gantry-lvm-localpv-vg0");
        assertThat(objects.claims()).extracting(c -> c.getMetadata().getName()).containsExactly("data-db-0", "data-db-1");
        assertThat(objects.namespaces()).containsExactly("prod");
        assertThat(objects.storageClass("gantry-lvm-localpv-vg0")).isPresent();
        assertThat(objects.storageClass("other")).isEmpty();
    }

    @Test
    void refusesAManifestThatIsNotYaml() {
        assertThatThrownBy(() -> PlannedObjects.read(List.of("kind: StorageClass\n  : [unclosed\n"), serialization))
                .isInstanceOf(GantryException.class).hasMessageStartingWith("plan manifest 1 cannot be read");
    }

    @Test
    void refusesAnObjectOfAnotherKindNamingItsPlace() {
        String classDoc = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: a}\nprovisioner: x\n";
        String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: c}\n";

        assertThatThrownBy(() -> PlannedObjects.read(List.of(classDoc, configMap), serialization))
                .isInstanceOf(GantryException.class)
                .hasMessageContaining("plan manifest 2 is not a named StorageClass")
                .hasMessageEndingWith("apiVersion: v1");
    }

    @Test
    void refusesAClaimWithoutNamespaceOrSpecAndAClassWithoutName() {
        assertThatThrownBy(() -> PlannedObjects.read(List.of(
                "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: a}\nspec: {}\n"), serialization))
                .isInstanceOf(GantryException.class).hasMessageContaining("with a namespace and a spec");
        assertThatThrownBy(() -> PlannedObjects.read(List.of(
                "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: a, namespace: b}\n"), serialization))
                .isInstanceOf(GantryException.class);
        assertThatThrownBy(() -> PlannedObjects.read(List.of(
                "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nprovisioner: x\n"), serialization))
                .isInstanceOf(GantryException.class);
    }

    @Test
    void cutsAVeryLongFirstLineInTheMessage() {
        String hostile = "kind: " + "x".repeat(100_000) + "\n";

        assertThatThrownBy(() -> PlannedObjects.read(List.of(hostile), serialization))
                .isInstanceOf(GantryException.class)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1_000));
    }
}
