package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that needs local volumes: a StatefulSet whose replicas each get their own claims, or a
 * single pod.
 *
 * <pre>{@code
 * Workload db = Workload.statefulSet("prod", "db", 3)
 *         .withClaim("data", ByteSize.parse("100Gi"))
 *         .withClaim("wal", ByteSize.parse("10Gi"), "fast");
 * // claims data-db-0, wal-db-0 for pod db-0; data-db-1, wal-db-1 for pod db-1; ...
 * Workload job = Workload.pod("batch", "etl").withClaim("scratch", ByteSize.parse("500Gi"));
 * }</pre>
 *
 * <p>Claims are named as Kubernetes names them: {@code <template>-<statefulset>-<ordinal>} for a
 * StatefulSet, the claim name itself for a pod. All claims of one pod are placed on one node;
 * replicas are kept apart as the {@link CarvingPolicy} says. Immutable and thread-safe.
 *
 * @param kind StatefulSet or pod
 * @param namespace the namespace, e.g. {@code prod}
 * @param name the StatefulSet or pod name
 * @param replicas the number of pods; 1 for a pod
 * @param claims the claims of each pod, each name once
 */
public record Workload(Kind kind, String namespace, String name, int replicas, List<ClaimSpec> claims) {

    /** The most replicas one workload may have here (Kubernetes allows more; no plan needs them). */
    public static final int MAX_REPLICAS = 1_000_000;

    /** What kind of workload it is. */
    public enum Kind {
        /** A StatefulSet: pods {@code <name>-<ordinal>}, claims {@code <template>-<name>-<ordinal>}. */
        STATEFUL_SET,
        /** One pod with its claims. */
        POD
    }

    /**
     * Validates the components and copies the claims.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when a name is not valid, a claim name repeats, a generated
     *     claim name is too long, or the replicas are negative or above {@value #MAX_REPLICAS}
     */
    public Workload {
        Objects.requireNonNull(kind, "kind");
        Names.label(namespace, "namespace");
        Names.subdomain(name, "workload name");
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas of " + namespace + "/" + name + " must be 0 to "
                    + MAX_REPLICAS + " but was " + replicas);
        }
        if (kind == Kind.POD && replicas != 1) {
            throw new IllegalArgumentException("a pod has exactly 1 replica but " + namespace + "/" + name
                    + " was given " + replicas);
        }
        claims = List.copyOf(Objects.requireNonNull(claims, "claims"));
        for (int i = 0; i < claims.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (claims.get(i).name().equals(claims.get(j).name())) {
                    throw new IllegalArgumentException(namespace + "/" + name + " has claim "
                            + claims.get(i).name() + " twice (expected each claim name once)");
                }
            }
        }
        if (kind == Kind.STATEFUL_SET && replicas > 0) {
            for (ClaimSpec c : claims) {
                Names.subdomain(c.name() + "-" + name + "-" + (replicas - 1), "claim name generated for " + name);
            }
        }
    }

    /**
     * Returns a StatefulSet without claims.
     *
     * @param namespace the namespace, e.g. {@code prod}
     * @param name the StatefulSet name, e.g. {@code db}
     * @param replicas the number of pods, 0 to {@value #MAX_REPLICAS}
     * @return the workload
     */
    public static Workload statefulSet(String namespace, String name, int replicas) {
        return new Workload(Kind.STATEFUL_SET, namespace, name, replicas, List.of());
    }

    /**
     * Returns a pod without claims.
     *
     * @param namespace the namespace, e.g. {@code batch}
     * @param name the pod name
     * @return the workload
     */
    public static Workload pod(String namespace, String name) {
        return new Workload(Kind.POD, namespace, name, 1, List.of());
    }

    /**
     * Returns a copy with one more claim (a template for a StatefulSet) from any pool of the node.
     *
     * @param claim the template name (StatefulSet) or claim name (pod), e.g. {@code data}
     * @param size the requested size
     * @return the copy
     */
    public Workload withClaim(String claim, ByteSize size) {
        return with(new ClaimSpec(claim, size, Optional.empty()));
    }

    /**
     * Returns a copy with one more claim that must come from the named pool.
     *
     * @param claim the template name (StatefulSet) or claim name (pod), e.g. {@code wal}
     * @param size the requested size
     * @param pool the pool name, e.g. {@code fast}
     * @return the copy
     */
    public Workload withClaim(String claim, ByteSize size, String pool) {
        return with(new ClaimSpec(claim, size, Optional.of(pool)));
    }

    /**
     * Returns the name of pod {@code ordinal}: {@code <name>-<ordinal>} for a StatefulSet, the name
     * for a pod.
     *
     * @param ordinal 0 to replicas - 1
     * @return the pod name
     */
    public String podName(int ordinal) {
        checkOrdinal(ordinal);
        return kind == Kind.POD ? name : name + "-" + ordinal;
    }

    /**
     * Returns the name of a claim of pod {@code ordinal} as Kubernetes names it.
     *
     * @param claim the claim
     * @param ordinal 0 to replicas - 1
     * @return {@code <template>-<name>-<ordinal>} for a StatefulSet, the claim name for a pod
     */
    public String claimName(ClaimSpec claim, int ordinal) {
        checkOrdinal(ordinal);
        return kind == Kind.POD ? claim.name() : claim.name() + "-" + name + "-" + ordinal;
    }

    /**
     * Returns the number of claims over all pods.
     *
     * @return replicas times claims per pod
     */
    public long claimCount() {
        return (long) replicas * claims.size();
    }

    private Workload with(ClaimSpec claim) {
        List<ClaimSpec> more = new ArrayList<>(claims);
        more.add(claim);
        return new Workload(kind, namespace, name, replicas, more);
    }

    private void checkOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= replicas) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " of " + namespace + "/" + name
                    + " must be 0 to " + (replicas - 1));
        }
    }
}
