package dev.gantry.core.storage;

/** How far apart the replicas (pods) of one workload must be placed. */
public enum Spread {
    /** Replicas may share a node. */
    NONE,
    /** No two replicas on one node (the default). */
    NODE,
    /** No two replicas in one failure domain (zone, rack or room); implies {@link #NODE}. */
    FAILURE_DOMAIN
}
