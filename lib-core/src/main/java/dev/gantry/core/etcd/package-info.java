/**
 * Provisioning an external etcd cluster over a {@link dev.gantry.core.exec.HostExecutor}:
 * {@link dev.gantry.core.etcd.EtcdClusterWorkflow} writes each member's settings, starts the
 * members one at a time without systemd, and verifies health and membership.
 */
package dev.gantry.core.etcd;
