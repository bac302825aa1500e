package dev.gantry.k8s.storage;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import java.util.Map;
import java.util.Optional;

/** Reading the node a CSIStorageCapacity object is about. */
final class CapacityObjects {

    private CapacityObjects() {}

    /** The value of {@code topologyKey} in the object's {@code nodeTopology.matchLabels}. */
    static Optional<String> node(CSIStorageCapacity capacity, String topologyKey) {
        LabelSelector topology = capacity.getNodeTopology();
        Map<String, String> labels = topology == null ? null : topology.getMatchLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(topologyKey));
    }

    /** The first matchLabels value, for drivers whose key is not known. */
    static Optional<String> anyNode(CSIStorageCapacity capacity) {
        LabelSelector topology = capacity.getNodeTopology();
        Map<String, String> labels = topology == null ? null : topology.getMatchLabels();
        return labels == null ? Optional.empty() : labels.values().stream().findFirst();
    }
}
