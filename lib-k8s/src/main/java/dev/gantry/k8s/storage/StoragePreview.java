package dev.gantry.k8s.storage;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * What applying a plan would do, object by object, after the API server judged every write in a
 * dry run: the per-object changes, a readable diff and a {@link Report}.
 *
 * <pre>{@code
 * StoragePreview preview = StorageApply.of(client).preview(plan);
 * System.out.print(preview.diff());
 * preview.report().print();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #ok()} is false when any object is refused; {@link
 * StorageApply#apply} then writes nothing.
 */
public final class StoragePreview {

    private final List<ObjectStep> steps;
    private final Report report;

    StoragePreview(List<ObjectStep> steps, String title) {
        this.steps = List.copyOf(steps);
        List<Finding> findings = new ArrayList<>();
        steps.forEach(s -> findings.addAll(s.findings()));
        if (steps.isEmpty()) {
            findings.add(Finding.info("CARVE-APPLY-EMPTY", "plan", "the plan has no objects to apply"));
        }
        this.report = Report.of(findings).withTitle(title);
    }

    /**
     * Returns one change per planned object, StorageClasses first, in the plan's order.
     *
     * @return the changes; empty for a plan without placements
     */
    public List<StorageChange> changes() {
        return steps.stream().map(ObjectStep::change).toList();
    }

    /**
     * Returns the findings: {@code CARVE-APPLY-CREATE}, {@code CARVE-APPLY-CHANGE} (INFO), {@code
     * CARVE-APPLY-UNCHANGED} (PASS) and the refusals listed on {@link StorageApply}.
     *
     * @return the report, titled with the API server's URL
     */
    public Report report() {
        return report;
    }

    /**
     * Returns whether the plan can be applied: no object is refused.
     *
     * @return true when the report has no FAIL
     */
    public boolean ok() {
        return report.ok();
    }

    /**
     * Returns how many objects apply would write (creates and changes).
     *
     * @return the number of writes; zero when the cluster already matches the plan
     */
    public int writes() {
        return (int) steps.stream().filter(ObjectStep::writes).count();
    }

    /**
     * Renders the changes as a diff: {@code +} create, {@code =} unchanged, {@code ~} change,
     * {@code !} refused, each followed by its differing fields as {@code path: live -> planned}.
     *
     * @return the diff text; empty for a plan without objects
     */
    public String diff() {
        StringBuilder out = new StringBuilder();
        steps.forEach(s -> out.append(s.change().toDiff()));
        return out.toString();
    }

    List<ObjectStep> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return "StoragePreview[" + steps.size() + " objects, " + writes() + " writes, " + report.summary() + "]";
    }
}
