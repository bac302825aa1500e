package dev.gantry.k8s.storage;

import dev.gantry.core.Finding;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Compares a live PersistentVolumeClaim with the planned one. The spec is immutable after creation
 * except {@code resources.requests} of a Bound claim, which may only grow, and only when its class
 * allows expansion (the API server's {@code ValidatePersistentVolumeClaimUpdate} and the
 * {@code PersistentVolumeClaimResize} admission plugin); labels and annotations may be patched. A
 * Bound claim whose volume sits on another node than the plan says cannot follow the plan.
 */
final class ClaimDiff {

    static final String PLANNED_NODE = "gantry.dev/planned-node";

    private final PersistentVolumeClaim planned;
    private final PersistentVolumeClaim live;
    private final String subject;
    private final Comparison c = new Comparison();

    private ClaimDiff(PersistentVolumeClaim planned, PersistentVolumeClaim live) {
        this.planned = planned;
        this.live = live;
        this.subject = "PersistentVolumeClaim " + planned.getMetadata().getNamespace() + "/"
                + planned.getMetadata().getName();
    }

    /**
     * Compares the claims.
     *
     * @param liveClass the claim's class as it is in the cluster, if it exists
     * @param plannedClass the claim's class in the plan, if the plan has it
     */
    static Comparison compare(PersistentVolumeClaim planned, PersistentVolumeClaim live,
            Optional<StorageClass> liveClass, Optional<StorageClass> plannedClass) {
        ClaimDiff diff = new ClaimDiff(planned, live);
        if (live.getSpec() == null) {
            diff.unreadable("it has no spec");
            return diff.c;
        }
        diff.immutable();
        diff.size(liveClass, plannedClass);
        diff.node();
        diff.c.metadata(planned.getMetadata(), live.getMetadata());
        return diff.c;
    }

    private void immutable() {
        PersistentVolumeClaimSpec p = planned.getSpec();
        PersistentVolumeClaimSpec l = live.getSpec();
        int before = c.lines.size();
        c.field("spec.storageClassName", l.getStorageClassName(), p.getStorageClassName());
        c.field("spec.accessModes", or(l.getAccessModes(), List.of()), or(p.getAccessModes(), List.of()));
        c.field("spec.volumeMode", or(l.getVolumeMode(), "Filesystem"), or(p.getVolumeMode(), "Filesystem"));
        c.field("spec.selector", selector(l.getSelector()), selector(p.getSelector()));
        if (c.lines.size() > before) {
            c.refusals.add(Finding.fail("CARVE-APPLY-PVC-IMMUTABLE", subject, subject + " differs from the plan in"
                    + " fields Kubernetes never changes on a claim: " + String.join("; ", c.lines.subList(before,
                    c.lines.size())), "change the plan to match the live claim, or delete the claim (its volume"
                    + " goes with it unless the PV's reclaimPolicy is Retain) and apply again"));
        }
    }

    private void size(Optional<StorageClass> liveClass, Optional<StorageClass> plannedClass) {
        Quantity plannedQuantity = request(planned);
        Quantity liveQuantity = request(live);
        OptionalLong plannedBytes = Reads.bytes(plannedQuantity);
        OptionalLong liveBytes = Reads.bytes(liveQuantity);
        if (liveBytes.isEmpty() || plannedBytes.isEmpty()) {
            unreadable("spec.resources.requests.storage is " + (liveQuantity == null ? "missing"
                    : "'" + liveQuantity + "'") + ", so Gantry cannot tell whether the plan grows or shrinks it");
            return;
        }
        long from = liveBytes.getAsLong();
        long to = plannedBytes.getAsLong();
        if (from == to) {
            return;
        }
        String line = "spec.resources.requests.storage";
        c.field(line, liveQuantity, plannedQuantity);
        if (to < from) {
            c.refusals.add(Finding.fail("CARVE-APPLY-PVC-SHRINK", subject, subject + " requests " + liveQuantity
                    + " but the plan asks for " + plannedQuantity + ": Kubernetes forbids shrinking a claim",
                    "keep " + liveQuantity + " for this claim in the plan, or move the data to a new, smaller claim"));
        } else if (!expansionAllowed(liveClass, plannedClass)) {
            c.refusals.add(noExpansion(plannedQuantity, liveQuantity, liveClass, plannedClass));
        } else if (!liveBound()) {
            c.refusals.add(Finding.fail("CARVE-APPLY-PVC-NOT-BOUND", subject, subject + " would grow from "
                    + liveQuantity + " to " + plannedQuantity + " but is not Bound: Kubernetes resizes only bound"
                    + " claims", "wait until the claim is Bound (kubectl get pvc), then apply again"));
        } else {
            c.patch(plannedQuantity.toString(), "spec", "resources", "requests", "storage");
        }
    }

    private Finding noExpansion(Quantity to, Quantity from, Optional<StorageClass> liveClass,
            Optional<StorageClass> plannedClass) {
        String name = planned.getSpec().getStorageClassName();
        boolean planTurnsItOn = liveClass.isPresent() && plannedClass.map(ClassDiff::allowsExpansion).orElse(false);
        String remedy = planTurnsItOn
                ? "apply the class change first (kubectl patch storageclass " + name
                        + " -p '{\"allowVolumeExpansion\":true}'), then apply the plan again"
                : "keep " + from + " in the plan, or use a driver whose class allows expansion";
        return Finding.fail("CARVE-APPLY-PVC-NO-EXPANSION", subject, subject + " would grow from " + from + " to " + to
                + " but its StorageClass " + name + " does not allow volume expansion", remedy);
    }

    private void node() {
        String plannedNode = annotation(planned, PLANNED_NODE);
        String liveNode = Optional.ofNullable(annotation(live, StorageRules.SELECTED_NODE))
                .orElse(annotation(live, PLANNED_NODE));
        boolean provisioned = live.getSpec().getVolumeName() != null && !live.getSpec().getVolumeName().isEmpty()
                || liveBound();
        if (plannedNode != null && liveNode != null && !plannedNode.equals(liveNode) && provisioned) {
            c.refusals.add(Finding.fail("CARVE-APPLY-PVC-MOVED", subject, subject + " is bound to a volume on node "
                    + liveNode + " but the plan puts it on " + plannedNode + ": a local volume cannot move",
                    "plan with the claim on " + liveNode + " (describe the cluster as it is), or delete the claim and"
                    + " its data and apply again"));
        }
    }

    private boolean liveBound() {
        return live.getStatus() != null && "Bound".equals(live.getStatus().getPhase());
    }

    private void unreadable(String why) {
        c.refusals.add(Finding.fail("CARVE-APPLY-LIVE-UNREADABLE", subject, "the live " + subject + " cannot be"
                + " compared with the plan: " + why, "inspect it with kubectl get pvc -o yaml -n "
                + planned.getMetadata().getNamespace() + " " + planned.getMetadata().getName()));
    }

    private static boolean expansionAllowed(Optional<StorageClass> liveClass, Optional<StorageClass> plannedClass) {
        return liveClass.or(() -> plannedClass).map(ClassDiff::allowsExpansion).orElse(false);
    }

    private static Quantity request(PersistentVolumeClaim pvc) {
        if (pvc.getSpec() == null || pvc.getSpec().getResources() == null) {
            return null;
        }
        Map<String, Quantity> requests = pvc.getSpec().getResources().getRequests();
        return requests == null ? null : requests.get("storage");
    }

    private static String annotation(PersistentVolumeClaim pvc, String key) {
        Map<String, String> annotations = pvc.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static String selector(LabelSelector s) {
        if (s == null) {
            return null;
        }
        return "matchLabels " + or(s.getMatchLabels(), Map.of()) + ", " + or(s.getMatchExpressions(), List.of()).size()
                + " expressions";
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
