package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.Objects;
import java.util.Optional;

/**
 * One claim of a workload: a StatefulSet's {@code volumeClaimTemplates} entry or a pod's claim,
 * with its requested size and, optionally, the pool it must come from.
 *
 * @param name the template name (StatefulSet) or the claim name (pod), e.g. {@code data}
 * @param size the requested size ({@code resources.requests.storage})
 * @param pool the pool it must come from; empty for any pool of the node
 */
public record ClaimSpec(String name, ByteSize size, Optional<String> pool) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when the name or pool is not valid
     */
    public ClaimSpec {
        Names.subdomain(name, "claim name");
        Objects.requireNonNull(size, "size of claim " + name);
        Objects.requireNonNull(pool, "pool");
        pool.ifPresent(p -> Names.pool(p, "pool of claim " + name));
    }
}
