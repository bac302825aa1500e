package dev.gantry.core.internal;

import dev.gantry.core.Machine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two machines of one inventory that share a name or an address, by index.
 *
 * @param what {@code "machine name"} or {@code "address"}
 * @param value the shared value, as the later machine spells it
 * @param first the index of the earlier machine
 * @param second the index of the later machine
 */
public record MachineDuplicate(String what, String value, int first, int second) {

    /**
     * Finds the first machine whose name or address an earlier machine already has; addresses
     * compare in their {@linkplain Addresses#key(String) canonical form}.
     *
     * @param machines the machines, in order
     * @return the first duplicate, or empty when every name and address is unique
     */
    public static Optional<MachineDuplicate> find(List<Machine> machines) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> addresses = new HashMap<>();
        for (int i = 0; i < machines.size(); i++) {
            Machine m = machines.get(i);
            Integer earlier = names.putIfAbsent(m.name(), i);
            if (earlier != null) {
                return Optional.of(new MachineDuplicate("machine name", m.name(), earlier, i));
            }
            earlier = addresses.putIfAbsent(Addresses.key(m.address()), i);
            if (earlier != null) {
                return Optional.of(new MachineDuplicate("address", m.address(), earlier, i));
            }
        }
        return Optional.empty();
    }
}
