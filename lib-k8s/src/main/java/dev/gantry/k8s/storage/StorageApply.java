package dev.gantry.k8s.storage;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.storage.CarvingPlan;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link CarvingPlan}'s StorageClasses and PersistentVolumeClaims to a cluster, after a
 * preview in which the API server itself judges every write in a server-side dry run.
 *
 * <pre>{@code
 * StorageApply apply = StorageApply.of(client);
 * StoragePreview preview = apply.preview(plan);
 * System.out.print(preview.diff());
 * apply.apply(plan).print().orThrow();
 * }</pre>
 *
 * <p>The preview reads the live StorageClasses and the claims of the plan's namespaces, compares
 * each planned object field by field, and sends every write it would make with {@code dryRun=All}
 * (so validation and admission webhooks see it and nothing is stored). Codes: {@code
 * CARVE-APPLY-CREATE} and {@code CARVE-APPLY-CHANGE} (INFO, with the fields as {@code path: live
 * -> planned}), {@code CARVE-APPLY-UNCHANGED} (PASS, naming the fields compared), and the
 * refusals (FAIL): {@code CARVE-APPLY-CLASS-IMMUTABLE} (a StorageClass differs in provisioner,
 * parameters, reclaimPolicy or volumeBindingMode and must be recreated, with the exact {@code
 * kubectl delete storageclass} remedy), {@code CARVE-APPLY-PVC-SHRINK} (the plan asks for less
 * than the claim requests), {@code CARVE-APPLY-PVC-NO-EXPANSION} (more, but the class does not
 * allow expansion), {@code CARVE-APPLY-PVC-NOT-BOUND} (more, but the claim is not Bound yet),
 * {@code CARVE-APPLY-PVC-IMMUTABLE} (storageClassName, accessModes, volumeMode or selector
 * differ), {@code CARVE-APPLY-PVC-MOVED} (a Bound claim's volume is on another node than
 * planned), {@code CARVE-APPLY-LIVE-UNREADABLE} (the live claim has no spec or no readable
 * request) and {@code CARVE-APPLY-DRY-RUN-REJECTED} (the API server refused a dry run with a 4xx).
 * Mutable differences (allowVolumeExpansion, mountOptions, allowedTopologies, a larger request,
 * the plan's labels and annotations; other keys are left alone) are written as JSON merge patches
 * that carry the resourceVersion read by the preview.
 *
 * <p>Every request carries the field manager ({@code gantry} unless {@link #withFieldManager}
 * says otherwise) and is bounded by the client's request timeout (fabric8 {@code Config}
 * {@code requestTimeout}; 30 s when the client has none). Writes are not retried (not by Gantry,
 * and not by fabric8, whose {@code requestRetryBackoffLimit} is set to zero for them); the reads
 * follow the client's own retry settings. A rerun of {@link #apply} resumes where a failed one
 * stopped, because it writes only what still differs. Immutable; thread-safe when the client is.
 */
public final class StorageApply {

    /** The field manager used unless another is set. */
    public static final String DEFAULT_FIELD_MANAGER = "gantry";

    private static final Logger log = LoggerFactory.getLogger(StorageApply.class);

    private final KubernetesClient client;
    private final String fieldManager;

    private StorageApply(KubernetesClient client, String fieldManager) {
        this.client = Objects.requireNonNull(client, "client");
        this.fieldManager = Objects.requireNonNull(fieldManager, "fieldManager");
        if (fieldManager.isBlank() || fieldManager.length() > 128) {
            throw new IllegalArgumentException("fieldManager must be 1 to 128 characters, found '" + fieldManager + "'");
        }
    }

    /**
     * Returns an applier for a cluster with the field manager {@value #DEFAULT_FIELD_MANAGER}.
     *
     * @param client a client for the cluster; not closed by the applier
     * @return the applier
     */
    public static StorageApply of(KubernetesClient client) {
        return new StorageApply(client, DEFAULT_FIELD_MANAGER);
    }

    /**
     * Returns a copy that writes under another field manager (the name the API server records in
     * {@code managedFields}).
     *
     * @param value the manager, 1 to 128 characters
     * @return the copy
     * @throws IllegalArgumentException when the name is blank or longer than 128 characters
     */
    public StorageApply withFieldManager(String value) {
        return new StorageApply(client, value);
    }

    /**
     * Compares the plan with the cluster and has the API server judge every write in a dry run;
     * stores nothing.
     *
     * @param plan the plan whose {@link CarvingPlan#manifests()} to apply
     * @return the preview with its diff and report
     * @throws dev.gantry.k8s.KubernetesApiException when a read fails, or a dry run fails other
     *     than with a 4xx answer (those become {@code CARVE-APPLY-DRY-RUN-REJECTED})
     */
    public StoragePreview preview(CarvingPlan plan) {
        Objects.requireNonNull(plan, "plan");
        PlannedObjects planned = PlannedObjects.read(plan.manifests(), client.getKubernetesSerialization());
        List<ObjectStep> steps = new PreviewRun(client, writer()).run(planned);
        return new StoragePreview(steps, "Apply preview of " + steps.size() + " objects against " + client.getMasterUrl());
    }

    /**
     * Previews the plan and, when nothing is refused, creates and patches what differs: the
     * StorageClasses first, then the claims. A rerun on an applied plan writes nothing.
     *
     * @param plan the plan to apply
     * @return the preview's findings when it refused (then nothing was written, and a {@code
     *     CARVE-APPLY-REFUSED} FAIL says so); otherwise {@code CARVE-APPLY-CREATED} and {@code
     *     CARVE-APPLY-PATCHED} (INFO) per write and {@code CARVE-APPLY-UNCHANGED} per other object
     * @throws dev.gantry.k8s.KubernetesApiException when a read or a write fails, naming the
     *     object and how many writes were done; a 409 means the object was created or changed
     *     since the preview read it: rerun apply
     */
    public Report apply(CarvingPlan plan) {
        StoragePreview preview = preview(plan);
        String title = "Apply of " + preview.steps().size() + " objects to " + client.getMasterUrl();
        if (!preview.ok()) {
            List<Finding> findings = new ArrayList<>(preview.report().findings());
            findings.add(Finding.fail("CARVE-APPLY-REFUSED", "plan", "nothing was written: "
                    + preview.report().failures().size() + " finding(s) refuse the plan",
                    "fix the failures above, then apply again"));
            return Report.of(findings).withTitle(title);
        }
        return Report.of(write(preview)).withTitle(title);
    }

    private List<Finding> write(StoragePreview preview) {
        ApiWriter writer = writer();
        List<Finding> findings = new ArrayList<>();
        int total = preview.writes();
        int done = 0;
        for (ObjectStep step : preview.steps()) {
            StorageChange change = step.change();
            String progress = " (write " + (done + 1) + " of " + total + "; " + done + " done, rerun apply to resume)";
            switch (change.action()) {
                case CREATE -> {
                    writer.create(step.planned(), false, "storage apply: create " + change.subject() + progress);
                    findings.add(Finding.info("CARVE-APPLY-CREATED", change.subject(), "created " + change.subject()));
                    done++;
                }
                case CHANGE -> {
                    writer.patch(step.planned(), step.patch(), false, "storage apply: patch " + change.subject()
                            + progress);
                    findings.add(Finding.info("CARVE-APPLY-PATCHED", change.subject(), "patched " + change.subject()
                            + ": " + String.join("; ", change.fields())));
                    done++;
                }
                default -> findings.addAll(step.findings());
            }
        }
        log.info("storage apply: {} of {} objects written to {}", done, preview.steps().size(), client.getMasterUrl());
        return findings;
    }

    private ApiWriter writer() {
        return new ApiWriter(client, fieldManager);
    }

    @Override
    public String toString() {
        return "StorageApply[" + client.getMasterUrl() + ", fieldManager=" + fieldManager + "]";
    }
}
