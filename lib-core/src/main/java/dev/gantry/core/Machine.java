package dev.gantry.core;

import dev.gantry.core.internal.Syntax;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One machine of an {@link Inventory}: where it is, what it is for, and how to reach it.
 *
 * <p>Start from {@link #of(String, String, Role)} and vary with the {@code with…} copies:
 *
 * <pre>{@code
 * Machine cp1 = Machine.of("cp-1", "10.0.1.11", Role.CONTROL_PLANE)
 *         .withFailureDomain("eu-west-1a")
 *         .withProvider(ProviderKind.CLOUD_VM)
 *         .withSsh(SshAccess.of("ubuntu", 22))
 *         .withLabel("tier", "masters");
 * }</pre>
 *
 * <p>Defaults: failure domain {@value #UNSPECIFIED_FAILURE_DOMAIN}, provider
 * {@link ProviderKind#BARE_METAL}, ssh {@link SshAccess#ofDefaults()} ({@code root} on port 22), no
 * labels, no disks. Machines without a failure domain are assumed to share one, so HA planning
 * treats all of them as a single failure domain: give every control-plane machine its zone or rack.
 *
 * <p>Every component is validated for syntax only; nothing is resolved or contacted. Immutable
 * and thread-safe; labels keep their insertion order.
 *
 * @param name the machine's name, a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at
 *     most 253 characters, e.g. {@code cp-1}
 * @param address an IPv4 or IPv6 literal or a DNS host name, e.g. {@code 10.0.1.11}
 * @param role what the machine is for
 * @param failureDomain the zone, rack or room whose failure takes the machine down with it, e.g.
 *     {@code eu-west-1a} or {@code dc1-rack1}
 * @param provider whether the machine is a cloud VM or bare metal
 * @param ssh how to log in to the machine
 * @param labels Kubernetes-style labels for the node, e.g. {@code tier=masters}
 * @param disks data disks, as device names ({@code nvme0n1}, {@code sdb}) or {@code /dev} paths
 *     ({@code /dev/disk/by-id/...})
 */
public record Machine(
        String name,
        String address,
        Role role,
        String failureDomain,
        ProviderKind provider,
        SshAccess ssh,
        Map<String, String> labels,
        List<String> disks) {

    /** The failure domain of machines that do not name one; they are all assumed to share it. */
    public static final String UNSPECIFIED_FAILURE_DOMAIN = "unspecified";

    /**
     * Validates every component and copies the collections.
     *
     * @throws NullPointerException when a component, label key or value, or disk is {@code null}
     * @throws IllegalArgumentException when a component is not valid; the message quotes the value
     *     and says what was expected
     */
    public Machine {
        Syntax.machineName(Objects.requireNonNull(name, "name"));
        Syntax.address(Objects.requireNonNull(address, "address"));
        Objects.requireNonNull(role, "role");
        Syntax.failureDomain(Objects.requireNonNull(failureDomain, "failureDomain"));
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(ssh, "ssh");
        labels = copyLabels(Objects.requireNonNull(labels, "labels"));
        disks = List.copyOf(Objects.requireNonNull(disks, "disks"));
        checkDisks(disks);
    }

    /**
     * Returns a machine with the defaults for everything but its name, address and role.
     *
     * @param name the machine's name, e.g. {@code cp-1}
     * @param address an IP address or host name, e.g. {@code 10.0.1.11}
     * @param role what the machine is for
     * @return the machine, in failure domain {@value #UNSPECIFIED_FAILURE_DOMAIN}, bare metal, reached
     *     as {@code root} on port 22, without labels or disks
     */
    public static Machine of(String name, String address, Role role) {
        return new Machine(name, address, role, UNSPECIFIED_FAILURE_DOMAIN, ProviderKind.BARE_METAL,
                SshAccess.ofDefaults(), Map.of(), List.of());
    }

    /**
     * Returns a copy in another failure domain.
     *
     * @param failureDomain the zone or rack, e.g. {@code eu-west-1a}
     * @return the copy
     */
    public Machine withFailureDomain(String failureDomain) {
        return new Machine(name, address, role, failureDomain, provider, ssh, labels, disks);
    }

    /**
     * Returns a copy with another provider kind.
     *
     * @param provider cloud VM or bare metal
     * @return the copy
     */
    public Machine withProvider(ProviderKind provider) {
        return new Machine(name, address, role, failureDomain, provider, ssh, labels, disks);
    }

    /**
     * Returns a copy reached another way over SSH.
     *
     * @param ssh the user and port
     * @return the copy
     */
    public Machine withSsh(SshAccess ssh) {
        return new Machine(name, address, role, failureDomain, provider, ssh, labels, disks);
    }

    /**
     * Returns a copy whose labels are exactly the given ones.
     *
     * @param labels the labels, in the order to keep
     * @return the copy
     */
    public Machine withLabels(Map<String, String> labels) {
        return new Machine(name, address, role, failureDomain, provider, ssh, labels, disks);
    }

    /**
     * Returns a copy with one label added, or replaced when the key is already present.
     *
     * @param key the label key, e.g. {@code tier}
     * @param value the label value, e.g. {@code masters}
     * @return the copy
     */
    public Machine withLabel(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return withLabels(copy);
    }

    /**
     * Returns a copy whose data disks are exactly the given ones.
     *
     * @param disks device names or {@code /dev} paths, e.g. {@code List.of("nvme0n1", "nvme1n1")}
     * @return the copy
     */
    public Machine withDisks(List<String> disks) {
        return new Machine(name, address, role, failureDomain, provider, ssh, labels, disks);
    }

    private static Map<String, String> copyLabels(Map<String, String> labels) {
        Map<String, String> copy = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            Syntax.labelKey(Objects.requireNonNull(key, "label key"));
            Syntax.labelValue(Objects.requireNonNull(value, () -> "value of label " + key));
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void checkDisks(List<String> disks) {
        Set<String> seen = new HashSet<>();
        for (String disk : disks) {
            Syntax.disk(disk);
            if (!seen.add(disk)) {
                throw new IllegalArgumentException("disk " + Syntax.quoted(disk) + " is listed twice"
                        + " (expected each disk once)");
            }
        }
    }
}
