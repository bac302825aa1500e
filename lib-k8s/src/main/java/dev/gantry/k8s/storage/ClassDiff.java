package dev.gantry.k8s.storage;

import dev.gantry.core.Finding;
import io.fabric8.kubernetes.api.model.TopologySelectorLabelRequirement;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares a live StorageClass with the planned one. {@code provisioner}, {@code parameters},
 * {@code reclaimPolicy} and {@code volumeBindingMode} are immutable (the API server's
 * {@code ValidateStorageClassUpdate}); {@code allowVolumeExpansion}, {@code mountOptions},
 * {@code allowedTopologies}, labels and annotations may be patched. Absent values are compared as
 * the API server defaults them: reclaimPolicy {@code Delete}, volumeBindingMode {@code Immediate},
 * allowVolumeExpansion false, no mount options, no topologies.
 */
final class ClassDiff {

    private ClassDiff() {}

    static Comparison compare(StorageClass planned, StorageClass live) {
        Comparison c = new Comparison();
        c.field("provisioner", live.getProvisioner(), planned.getProvisioner());
        parameters(c, planned.getParameters(), live.getParameters());
        c.field("reclaimPolicy", or(live.getReclaimPolicy(), "Delete"), or(planned.getReclaimPolicy(), "Delete"));
        c.field("volumeBindingMode", or(live.getVolumeBindingMode(), "Immediate"),
                or(planned.getVolumeBindingMode(), "Immediate"));
        List<String> immutable = List.copyOf(c.lines);
        if (!immutable.isEmpty()) {
            c.refusals.add(mustBeRecreated(name(planned), immutable));
        }
        mutable(c, planned, live);
        c.metadata(planned.getMetadata(), live.getMetadata());
        return c;
    }

    static boolean allowsExpansion(StorageClass c) {
        return Boolean.TRUE.equals(c.getAllowVolumeExpansion());
    }

    private static void mutable(Comparison c, StorageClass planned, StorageClass live) {
        if (c.field("allowVolumeExpansion", allowsExpansion(live), allowsExpansion(planned))) {
            c.patch(allowsExpansion(planned), "allowVolumeExpansion");
        }
        List<String> plannedOptions = or(planned.getMountOptions(), List.of());
        if (c.field("mountOptions", or(live.getMountOptions(), List.of()), plannedOptions)) {
            c.patch(plannedOptions.isEmpty() ? null : plannedOptions, "mountOptions");
        }
        String liveTopologies = topologies(live.getAllowedTopologies());
        String plannedTopologies = topologies(planned.getAllowedTopologies());
        if (c.field("allowedTopologies", liveTopologies, plannedTopologies)) {
            List<TopologySelectorTerm> terms = or(planned.getAllowedTopologies(), List.of());
            c.patch(terms.isEmpty() ? null : terms, "allowedTopologies");
        }
    }

    private static void parameters(Comparison c, Map<String, String> planned, Map<String, String> live) {
        Map<String, String> all = new TreeMap<>(or(live, Map.of()));
        all.putAll(or(planned, Map.of()));
        all.keySet().forEach(k -> c.field("parameters[" + k + "]", or(live, Map.<String, String>of()).get(k),
                or(planned, Map.<String, String>of()).get(k)));
    }

    private static Finding mustBeRecreated(String name, List<String> lines) {
        return Finding.fail("CARVE-APPLY-CLASS-IMMUTABLE", "StorageClass " + name, "StorageClass " + name
                + " must be recreated: " + String.join("; ", lines) + " (provisioner, parameters, reclaimPolicy"
                + " and volumeBindingMode cannot be changed on a live class). Deleting the class does not touch the"
                + " PersistentVolumes and claims that use it: they keep storageClassName " + name + " and the"
                + " provisioner, parameters and reclaim policy they were provisioned with; only volumes provisioned"
                + " after the class is recreated get the new values",
                "kubectl delete storageclass " + name + ", then apply the plan again");
    }

    /** {@code key in [a, b]} per requirement, terms joined by {@code or}; empty for no topologies. */
    static String topologies(List<TopologySelectorTerm> terms) {
        if (terms == null || terms.isEmpty()) {
            return "[]";
        }
        List<String> rendered = new ArrayList<>();
        for (TopologySelectorTerm term : terms) {
            List<TopologySelectorLabelRequirement> reqs = or(term.getMatchLabelExpressions(), List.of());
            rendered.add(reqs.stream().map(r -> r.getKey() + " in " + or(r.getValues(), List.of()))
                    .collect(Collectors.joining(" and ")));
        }
        return String.join(" or ", rendered);
    }

    private static String name(StorageClass c) {
        return c.getMetadata().getName();
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
