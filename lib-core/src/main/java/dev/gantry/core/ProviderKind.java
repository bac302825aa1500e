package dev.gantry.core;

import dev.gantry.core.internal.Syntax;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a machine of an {@link Inventory} runs, which decides how it is provisioned and how its
 * failure domain is usually named (a cloud zone or a rack).
 *
 * <pre>{@code
 * ProviderKind.parse("cloud-vm");      // CLOUD_VM
 * ProviderKind.BARE_METAL.yamlName();  // "bare-metal"
 * }</pre>
 *
 * <p>Thread-safe: enum constants are immutable.
 */
public enum ProviderKind {

    /** A virtual machine of a cloud provider, usually placed in an availability zone. */
    CLOUD_VM("cloud-vm"),

    /** A physical server, usually placed in a rack of a data centre. */
    BARE_METAL("bare-metal");

    private static final List<String> YAML_NAMES =
            Arrays.stream(values()).map(ProviderKind::yamlName).toList();

    private final String yamlName;

    ProviderKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /**
     * Returns the name used in inventory files.
     *
     * @return {@code cloud-vm} or {@code bare-metal}
     */
    public String yamlName() {
        return yamlName;
    }

    /**
     * Returns the provider kind with the given inventory name.
     *
     * @param yamlName {@code cloud-vm} or {@code bare-metal} (exact, lower case)
     * @return the provider kind
     * @throws IllegalArgumentException when the name is not one of them; the message lists the valid
     *     names and suggests the closest
     */
    public static ProviderKind parse(String yamlName) {
        Objects.requireNonNull(yamlName, "yamlName");
        for (ProviderKind kind : values()) {
            if (kind.yamlName.equals(yamlName)) {
                return kind;
            }
        }
        throw Syntax.unknown("provider", yamlName, YAML_NAMES);
    }

    /**
     * Returns the inventory names of all provider kinds, in declaration order: the names {@code parse} accepts.
     *
     * @return the names, unmodifiable
     */
    public static List<String> yamlNames() {
        return YAML_NAMES;
    }
}
