/**
 * Checks of the infrastructure a cluster runs on, starting with etcd: {@link
 * dev.gantry.health.checks.EtcdClient} reads one member over etcd's HTTP/JSON gateway, {@link
 * dev.gantry.health.checks.EtcdClusterCheck} turns every member's answers into one health result
 * with stable reason codes, and {@link dev.gantry.health.checks.QuorumGuard} says whether removing
 * or restarting a member keeps quorum.
 *
 * <pre>{@code
 * try (EtcdClusterCheck etcd = EtcdClusterCheck.of(List.of(HttpEndpoint.of("http://10.0.1.11:2379"),
 *         HttpEndpoint.of("http://10.0.1.12:2379"), HttpEndpoint.of("http://10.0.1.13:2379")))) {
 *     EtcdClusterView view = etcd.read();
 *     System.out.println(EtcdClusterCheck.judge(view));
 *     QuorumGuard.of(view).canRestart(view.member("cp-2").orElseThrow()).orThrow();
 * }
 * }</pre>
 */
package dev.gantry.health.checks;
