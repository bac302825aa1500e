package dev.gantry.k8s.storage;

import dev.gantry.core.GantryException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plan's manifests read back as fabric8 objects: its StorageClasses, then its claims. */
record PlannedObjects(List<StorageClass> classes, List<PersistentVolumeClaim> claims) {

    PlannedObjects {
        classes = List.copyOf(classes);
        claims = List.copyOf(claims);
    }

    static PlannedObjects read(List<String> manifests, KubernetesSerialization serialization) {
        List<StorageClass> classes = new ArrayList<>();
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            Object object = parse(manifests.get(i), i, serialization);
            if (object instanceof StorageClass sc && named(sc)) {
                classes.add(sc);
            } else if (object instanceof PersistentVolumeClaim pvc && named(pvc)
                    && pvc.getMetadata().getNamespace() != null && pvc.getSpec() != null) {
                claims.add(pvc);
            } else {
                throw new GantryException("plan manifest " + (i + 1) + " is not a named StorageClass or a"
                        + " PersistentVolumeClaim with a namespace and a spec: " + firstLine(manifests.get(i)));
            }
        }
        return new PlannedObjects(classes, claims);
    }

    Optional<StorageClass> storageClass(String name) {
        return classes.stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }

    List<String> namespaces() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        claims.forEach(c -> seen.put(c.getMetadata().getNamespace(), true));
        return List.copyOf(seen.keySet());
    }

    private static Object parse(String yaml, int index, KubernetesSerialization serialization) {
        try {
            return serialization.unmarshal(yaml);
        } catch (RuntimeException e) {
            throw new GantryException("plan manifest " + (index + 1) + " cannot be read as a Kubernetes object ("
                    + e.getMessage() + "): " + firstLine(yaml), e);
        }
    }

    private static boolean named(HasMetadata object) {
        return object.getMetadata() != null && object.getMetadata().getName() != null;
    }

    private static String firstLine(String yaml) {
        String line = yaml.lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
