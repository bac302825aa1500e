package dev.gantry.core;

import dev.gantry.core.internal.Syntax;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a machine of an {@link Inventory} is for.
 *
 * <p>Inventory files spell roles in lower case with dashes ({@link #yamlName()}):
 *
 * <pre>{@code
 * Role.parse("control-plane");   // CONTROL_PLANE
 * Role.WORKER.yamlName();        // "worker"
 * }</pre>
 *
 * <p>Thread-safe: enum constants are immutable.
 */
public enum Role {

    /** Runs the Kubernetes API server, scheduler and controller manager, and stacked etcd if any. */
    CONTROL_PLANE("control-plane"),

    /** Runs workloads. */
    WORKER("worker"),

    /** Runs only an etcd member of an external etcd cluster. */
    ETCD("etcd");

    private static final List<String> YAML_NAMES = Arrays.stream(values()).map(Role::yamlName).toList();

    private final String yamlName;

    Role(String yamlName) {
        this.yamlName = yamlName;
    }

    /**
     * Returns the name used in inventory files.
     *
     * @return {@code control-plane}, {@code worker} or {@code etcd}
     */
    public String yamlName() {
        return yamlName;
    }

    /**
     * Returns the role with the given inventory name.
     *
     * @param yamlName {@code control-plane}, {@code worker} or {@code etcd} (exact, lower case)
     * @return the role
     * @throws IllegalArgumentException when the name is not one of them; the message lists the valid
     *     names and suggests the closest
     */
    public static Role parse(String yamlName) {
        Objects.requireNonNull(yamlName, "yamlName");
        for (Role role : values()) {
            if (role.yamlName.equals(yamlName)) {
                return role;
            }
        }
        throw Syntax.unknown("role", yamlName, YAML_NAMES);
    }

    /**
     * Returns the inventory names of all roles, in declaration order: the names {@code parse} accepts.
     *
     * @return the names, unmodifiable
     */
    public static List<String> yamlNames() {
        return YAML_NAMES;
    }
}
