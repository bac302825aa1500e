package dev.gantry.core.controlplane;

/**
 * Where the etcd members of a control plane run.
 *
 * <p>Thread-safe: enum constants are immutable.
 */
public enum EtcdTopology {

    /** Each control-plane machine runs an etcd member; the control-plane machines vote. */
    STACKED,

    /** etcd runs on its own machines (inventory role {@code etcd}); those machines vote. */
    EXTERNAL
}
