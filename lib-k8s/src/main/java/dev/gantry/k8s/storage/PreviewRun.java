package dev.gantry.k8s.storage;

import dev.gantry.core.Finding;
import dev.gantry.k8s.KubernetesApiException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges every planned object against the live cluster: one list of StorageClasses and one list
 * of claims per planned namespace (not one read per object), then a server-side dry run of each
 * write. A dry run the API server answers with a 4xx becomes a FAIL finding; other failures throw.
 */
final class PreviewRun {

    private final KubernetesClient client;
    private final ApiWriter writer;

    PreviewRun(KubernetesClient client, ApiWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    List<ObjectStep> run(PlannedObjects planned) {
        Map<String, StorageClass> liveClasses = new HashMap<>();
        Reads.call("storage apply: list StorageClasses", () -> client.storage().v1().storageClasses().list().getItems())
                .forEach(c -> liveClasses.put(c.getMetadata().getName(), c));
        Map<String, PersistentVolumeClaim> liveClaims = new HashMap<>();
        for (String ns : planned.namespaces()) {
            Reads.call("storage apply: list PersistentVolumeClaims in " + ns,
                    () -> client.persistentVolumeClaims().inNamespace(ns).list().getItems())
                    .forEach(c -> liveClaims.put(ns + "/" + c.getMetadata().getName(), c));
        }
        List<ObjectStep> steps = new ArrayList<>();
        for (StorageClass sc : planned.classes()) {
            StorageClass live = liveClasses.get(sc.getMetadata().getName());
            steps.add(live == null ? create(sc, "StorageClass", sc.getMetadata().getName())
                    : judge(sc, "StorageClass", sc.getMetadata().getName(), live, ClassDiff.compare(sc, live)));
        }
        for (PersistentVolumeClaim pvc : planned.claims()) {
            String name = pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName();
            PersistentVolumeClaim live = liveClaims.get(name);
            String className = pvc.getSpec().getStorageClassName();
            steps.add(live == null ? create(pvc, "PersistentVolumeClaim", name) : judge(pvc, "PersistentVolumeClaim",
                    name, live, ClaimDiff.compare(pvc, live, Optional.ofNullable(className).map(liveClasses::get),
                            Optional.ofNullable(className).flatMap(planned::storageClass))));
        }
        return steps;
    }

    private ObjectStep create(HasMetadata object, String kind, String name) {
        String subject = kind + " " + name;
        Optional<Finding> rejected = dryRun(subject, () -> writer.create(object, true,
                "storage apply: dry-run create " + subject));
        if (rejected.isPresent()) {
            return new ObjectStep(new StorageChange(kind, name, StorageChange.Action.REFUSED, List.of()),
                    List.of(rejected.get()), object, Map.of());
        }
        return new ObjectStep(new StorageChange(kind, name, StorageChange.Action.CREATE, List.of()),
                List.of(Finding.info("CARVE-APPLY-CREATE", subject, "would create " + subject + "; the API server"
                        + " accepted it in a dry run (dryRun=All: validation and admission, nothing stored)")),
                object, Map.of());
    }

    private ObjectStep judge(HasMetadata object, String kind, String name, HasMetadata live, Comparison diff) {
        String subject = kind + " " + name;
        if (!diff.refusals.isEmpty()) {
            return new ObjectStep(new StorageChange(kind, name, StorageChange.Action.REFUSED, diff.lines),
                    diff.refusals, object, Map.of());
        }
        if (diff.lines.isEmpty()) {
            return new ObjectStep(new StorageChange(kind, name, StorageChange.Action.UNCHANGED, List.of()),
                    List.of(Finding.pass("CARVE-APPLY-UNCHANGED", subject, subject + " matches the plan ("
                            + compared(kind) + " compared)")), object, Map.of());
        }
        Map<String, Object> patch = diff.lockedPatch(live.getMetadata().getResourceVersion());
        Optional<Finding> rejected = dryRun(subject, () -> writer.patch(object, patch, true,
                "storage apply: dry-run patch " + subject));
        if (rejected.isPresent()) {
            return new ObjectStep(new StorageChange(kind, name, StorageChange.Action.REFUSED, diff.lines),
                    List.of(rejected.get()), object, Map.of());
        }
        return new ObjectStep(new StorageChange(kind, name, StorageChange.Action.CHANGE, diff.lines),
                List.of(Finding.info("CARVE-APPLY-CHANGE", subject, "would patch " + subject + ": "
                        + String.join("; ", diff.lines) + "; the API server accepted the patch in a dry run")),
                object, patch);
    }

    private static Optional<Finding> dryRun(String subject, Runnable write) {
        try {
            write.run();
            return Optional.empty();
        } catch (KubernetesApiException e) {
            int code = e.httpStatus().orElse(0);
            if (code < 400 || code >= 500) {
                throw e;
            }
            return Optional.of(Finding.fail("CARVE-APPLY-DRY-RUN-REJECTED", subject, e.getMessage(),
                    "fix what the API server names; nothing was written"));
        }
    }

    private static String compared(String kind) {
        return kind.equals("StorageClass")
                ? "provisioner, parameters, reclaimPolicy, volumeBindingMode, allowVolumeExpansion, mountOptions,"
                        + " allowedTopologies and the plan's labels and annotations"
                : "storageClassName, accessModes, volumeMode, selector, requested storage, node and the plan's"
                        + " labels and annotations";
    }
}
