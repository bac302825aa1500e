/**
 * The etcd domain that needs no HTTP: planning, provisioning, reading through {@code etcdctl}, and
 * judging quorum.
 *
 * <ul>
 *   <li>Planned and observed members: an {@link dev.gantry.core.etcd.EtcdMemberSpec} is a member to
 *       provision, an {@link dev.gantry.core.etcd.EtcdMember} one that a running cluster lists
 *       (parsed by {@link dev.gantry.core.etcd.EtcdMemberList#parse(String)}, the one reader of
 *       the member-list JSON of the HTTP gateway and of {@code etcdctl -w json}).</li>
 *   <li>{@link dev.gantry.core.etcd.EtcdClusterView} is the cluster at one moment; {@link
 *       dev.gantry.core.etcd.Quorum} is the arithmetic; {@link dev.gantry.core.etcd.QuorumGuard}
 *       answers whether a join, removal or restart keeps quorum with a {@link
 *       dev.gantry.core.etcd.QuorumDecision}, which fails like a {@code Report}.</li>
 *   <li>{@link dev.gantry.core.etcd.Etcdctl} reads a cluster over a {@code HostExecutor};
 *       {@link dev.gantry.core.etcd.JoinGuards} gate workflow joins on it; {@link
 *       dev.gantry.core.etcd.EtcdErrors} classifies etcd failures for workflow retries.</li>
 *   <li>{@link dev.gantry.core.etcd.EtcdClusterWorkflow} provisions a cluster without systemd and
 *       {@link dev.gantry.core.etcd.EtcdEnvFile} renders a member's {@code ETCD_*} settings.</li>
 * </ul>
 *
 * <pre>{@code
 * EtcdClusterView view = Etcdctl.kubeadm(Host.of(cp1)).view(ssh, Duration.ofSeconds(30));
 * QuorumGuard.of(view).canRestart(view.member("cp-2").orElseThrow()).orThrow();
 * }</pre>
 *
 * <p>The HTTP reader of a live cluster, {@code EtcdClusterCheck}, is in {@code dev.gantry.health.etcd}.
 */
package dev.gantry.core.etcd;
