package dev.gantry.k8s.storage;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What applying a plan does to one Kubernetes object, as the preview found it: created, left
 * unchanged, changed field by field, or refused.
 *
 * <pre>{@code
 * StorageChange[kind=PersistentVolumeClaim, name=prod/data-db-0, action=CHANGE,
 *               fields=[spec.resources.requests.storage: 10Gi -> 12Gi]]
 * }</pre>
 *
 * @param kind the object's kind, {@code StorageClass} or {@code PersistentVolumeClaim}
 * @param name the object's name, {@code namespace/name} for a claim
 * @param action what apply does with it
 * @param fields one line per differing field, {@code path: live -> planned} ({@code (none)} for an
 *     absent value); empty for a create or an unchanged object
 */
public record StorageChange(String kind, String name, Action action, List<String> fields) {

    /** What apply does with one object. */
    public enum Action {
        /** The object does not exist; apply creates it. */
        CREATE,
        /** The object matches the plan; apply does not write it. */
        UNCHANGED,
        /** Mutable fields differ; apply patches them. */
        CHANGE,
        /** The plan cannot be applied to this object (a finding says why); apply writes nothing at all. */
        REFUSED
    }

    /**
     * Validates and copies the fields.
     *
     * @param kind the kind
     * @param name the name
     * @param action the action
     * @param fields the differing fields
     */
    public StorageChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        fields = List.copyOf(fields);
    }

    /**
     * Returns the object as findings name it.
     *
     * @return e.g. {@code StorageClass gantry-topolvm-vg0}
     */
    public String subject() {
        return kind + " " + name;
    }

    /**
     * Renders the change as diff lines: a mark ({@code +} create, {@code =} unchanged, {@code ~}
     * change, {@code !} refused), the subject, then one indented line per field.
     *
     * @return the lines, each ending with a newline
     */
    public String toDiff() {
        StringBuilder out = new StringBuilder();
        out.append(mark()).append(' ').append(subject()).append(" (").append(action.name().toLowerCase(Locale.ROOT))
                .append(")\n");
        fields.forEach(f -> out.append("    ").append(f).append('\n'));
        return out.toString();
    }

    private char mark() {
        return switch (action) {
            case CREATE -> '+';
            case UNCHANGED -> '=';
            case CHANGE -> '~';
            case REFUSED -> '!';
        };
    }
}
