package dev.gantry.k8s.storage;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** What the audit reads, in one snapshot. */
record StorageFacts(List<Node> nodes, List<StorageClass> classes, List<CSIDriver> drivers, List<CSINode> csiNodes,
        List<CSIStorageCapacity> capacities, List<PersistentVolumeClaim> claims, List<Pod> pods,
        List<StatefulSet> statefulSets) {

    static StorageFacts read(KubernetesClient client) {
        return new StorageFacts(
                Reads.call("storage audit: list nodes", () -> client.nodes().list().getItems()),
                Reads.call("storage audit: list StorageClasses",
                        () -> client.storage().v1().storageClasses().list().getItems()),
                Reads.call("storage audit: list CSIDrivers", () -> client.storage().v1().csiDrivers().list().getItems()),
                Reads.call("storage audit: list CSINodes", () -> client.storage().v1().csiNodes().list().getItems()),
                Reads.call("storage audit: list CSIStorageCapacities",
                        () -> client.storage().v1().csiStorageCapacities().inAnyNamespace().list().getItems()),
                Reads.call("storage audit: list PersistentVolumeClaims",
                        () -> client.persistentVolumeClaims().inAnyNamespace().list().getItems()),
                Reads.call("storage audit: list pods", () -> client.pods().inAnyNamespace().list().getItems()),
                Reads.call("storage audit: list StatefulSets",
                        () -> client.apps().statefulSets().inAnyNamespace().list().getItems()));
    }
}
