package dev.gantry.core;

import dev.gantry.core.internal.InventoryReader;
import dev.gantry.core.internal.MachineDuplicate;
import dev.gantry.core.internal.Syntax;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The machines a cluster is built from, read from an inventory file or built in code.
 *
 * <p>The file is YAML, or the same shape in JSON (a document whose first non-blank character is
 * <code>&#123;</code> is read as JSON):
 *
 * <pre>{@code
 * machines:
 *   - name: cp-1
 *     address: 10.0.1.11
 *     role: control-plane        # control-plane | worker | etcd
 *     failureDomain: eu-west-1a  # default: unspecified
 *     provider: cloud-vm         # cloud-vm | bare-metal (default)
 *     ssh: {user: ubuntu, port: 22}   # default: root, 22
 *     labels: {tier: masters}
 *     disks: [nvme0n1, nvme1n1]
 * }</pre>
 *
 * <p>Used from a runbook:
 *
 * <pre>{@code
 * Inventory inventory = Inventory.load(Path.of("inventory.yaml"));
 * inventory.controlPlanes().forEach(m -> System.out.println(m.name() + " " + m.failureDomain()));
 * }</pre>
 *
 * <p>Machine names and addresses are unique, whether the inventory is parsed or built with
 * {@link #of(Machine...)}; machines keep their order. Every problem with a file is a
 * {@link ParseException} naming the source, the line when known, the machine and the field. Input
 * is limited to {@value #MAX_INPUT_BYTES} bytes (4 MiB), one document and 32 levels of nesting.
 * YAML aliases of maps and lists (such as {@code ssh: *ubuntu}) are resolved to the anchored value
 * without copying it, so an alias bomb cannot grow the input; aliases of single values and merge
 * keys ({@code <<}) are not supported.
 *
 * <p>Immutable and thread-safe.
 *
 * @param machines the machines, in file order
 */
public record Inventory(List<Machine> machines) {

    /** The largest input {@link #load(Path)} and {@link #parse(String)} accept, in UTF-8 bytes: 4 MiB. */
    public static final int MAX_INPUT_BYTES = InventoryReader.MAX_INPUT_BYTES;

    /**
     * Copies the machines and checks that their names and addresses are unique.
     *
     * @throws NullPointerException when the list or one of its machines is {@code null}
     * @throws IllegalArgumentException when two machines share a name or an address
     */
    public Inventory {
        machines = List.copyOf(Objects.requireNonNull(machines, "machines"));
        MachineDuplicate.find(machines).ifPresent(d -> {
            throw new IllegalArgumentException(d.what() + " " + Syntax.quoted(d.value())
                    + " is used by machines[" + d.first() + "] and machines[" + d.second() + "]"
                    + " (expected each machine to have its own)");
        });
    }

    /**
     * Returns an inventory of the given machines.
     *
     * @param machines the machines, in order
     * @return the inventory
     */
    public static Inventory of(Machine... machines) {
        return new Inventory(List.of(machines));
    }

    /**
     * Reads an inventory file, YAML or JSON, in UTF-8.
     *
     * @param file the file; its path names the source in error messages
     * @return the inventory
     * @throws ParseException when the content is not a valid inventory or is larger than 4 MiB
     * @throws GantryException when the file cannot be read, naming the path
     */
    public static Inventory load(Path file) {
        return new Inventory(InventoryReader.load(Objects.requireNonNull(file, "file")));
    }

    /**
     * Parses an inventory from text, naming the source {@code inventory} in error messages.
     *
     * @param text YAML, or JSON when the first non-blank character is <code>&#123;</code>
     * @return the inventory
     * @throws ParseException when the text is not a valid inventory or is larger than 4 MiB
     */
    public static Inventory parse(String text) {
        return parse(text, "inventory");
    }

    /**
     * Parses an inventory from text.
     *
     * @param text YAML, or JSON when the first non-blank character is <code>&#123;</code>
     * @param sourceName where the text came from, e.g. a file or URL, used in error messages
     * @return the inventory
     * @throws ParseException when the text is not a valid inventory or is larger than 4 MiB
     */
    public static Inventory parse(String text, String sourceName) {
        return new Inventory(InventoryReader.parse(Objects.requireNonNull(text, "text"),
                Objects.requireNonNull(sourceName, "sourceName")));
    }

    /**
     * Returns the machine with the given name.
     *
     * @param name the machine's name, e.g. {@code cp-1}
     * @return the machine, or empty when there is none of that name
     */
    public Optional<Machine> machine(String name) {
        Objects.requireNonNull(name, "name");
        return machines.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * Returns the machines with the given role, in inventory order.
     *
     * @param role the role
     * @return the machines, possibly none
     */
    public List<Machine> machines(Role role) {
        Objects.requireNonNull(role, "role");
        return machines.stream().filter(m -> m.role() == role).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Returns the {@link Role#CONTROL_PLANE} machines, in inventory order.
     *
     * @return the control-plane machines, possibly none
     */
    public List<Machine> controlPlanes() {
        return machines(Role.CONTROL_PLANE);
    }

    /**
     * Returns the {@link Role#WORKER} machines, in inventory order.
     *
     * @return the workers, possibly none
     */
    public List<Machine> workers() {
        return machines(Role.WORKER);
    }

    /**
     * Returns the distinct failure domains of all machines, in order of first appearance. Machines
     * without one count as the single domain {@value Machine#UNSPECIFIED_FAILURE_DOMAIN}.
     *
     * @return the failure domains
     */
    public Set<String> failureDomains() {
        Set<String> domains = new LinkedHashSet<>();
        machines.forEach(m -> domains.add(m.failureDomain()));
        return Collections.unmodifiableSet(domains);
    }

    /**
     * Returns the number of machines.
     *
     * @return the number of machines
     */
    public int size() {
        return machines.size();
    }
}
