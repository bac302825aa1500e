package dev.gantry.k8s.storage;

import dev.gantry.core.Finding;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a pending pod's pending claims fit one node together, judged by the published
 * CSIStorageCapacity objects (claims of one class add up, as they come from one pool).
 */
final class JointFit {

    private JointFit() {}

    static Optional<Finding> check(Pod pod, List<PersistentVolumeClaim> claims, Map<String, StorageClass> classes,
            List<CSIStorageCapacity> capacities) {
        if (claims.size() < 2) {
            return Optional.empty();
        }
        Map<String, Long> needByClass = new HashMap<>();
        for (PersistentVolumeClaim c : claims) {
            needByClass.merge(String.valueOf(c.getSpec().getStorageClassName()), StorageRules.request(c), Long::sum);
        }
        // node -> class -> capacity
        Map<String, Map<String, Long>> byNode = new HashMap<>();
        for (CSIStorageCapacity cap : capacities) {
            if (!needByClass.containsKey(cap.getStorageClassName()) || !classes.containsKey(cap.getStorageClassName())) {
                continue;
            }
            CapacityObjects.anyNode(cap).ifPresent(node -> byNode.computeIfAbsent(node, k -> new HashMap<>())
                    .put(cap.getStorageClassName(), Reads.bytes(cap.getCapacity()).orElse(0)));
        }
        if (byNode.isEmpty()) {
            return Optional.empty();
        }
        boolean jointly = byNode.values().stream().anyMatch(room -> needByClass.entrySet().stream()
                .allMatch(e -> room.getOrDefault(e.getKey(), 0L) >= e.getValue()));
        boolean eachAlone = claims.stream().allMatch(c -> byNode.values().stream().anyMatch(room ->
                room.getOrDefault(String.valueOf(c.getSpec().getStorageClassName()), 0L) >= StorageRules.request(c)));
        if (jointly || !eachAlone) {
            return Optional.empty();
        }
        String subject = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        return Optional.of(Finding.fail("CARVE-JOINT-NO-FIT", subject, "each of pod " + pod.getMetadata().getName()
                + "'s " + claims.size() + " pending claims fits some node, but no node has capacity for all of them;"
                + " the scheduler checks claims one by one (kubernetes#111755)",
                "plan the claims with CarvingPlanner and pin them with selected-node, or free room on one node"));
    }
}
