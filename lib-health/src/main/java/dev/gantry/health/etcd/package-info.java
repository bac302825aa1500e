/**
 * Reads etcd over its HTTP/JSON gateway: {@link dev.gantry.health.etcd.EtcdClient} reads one
 * member, and {@link dev.gantry.health.etcd.EtcdClusterCheck} reads every member at once into an
 * {@link dev.gantry.core.etcd.EtcdClusterView} and judges it as one {@code CheckResult} with stable
 * reason codes. The etcd domain itself (members, views, quorum, {@link
 * dev.gantry.core.etcd.QuorumGuard}, the answer parsers) is in {@code dev.gantry.core.etcd}.
 *
 * <pre>{@code
 * try (EtcdClusterCheck etcd = EtcdClusterCheck.of(List.of(HttpEndpoint.of("http://10.0.1.11:2379"),
 *         HttpEndpoint.of("http://10.0.1.12:2379"), HttpEndpoint.of("http://10.0.1.13:2379")))) {
 *     EtcdClusterView view = etcd.read();
 *     System.out.println(EtcdClusterCheck.check(view));
 *     QuorumGuard.of(view).canRestart(view.member("cp-2").orElseThrow()).orThrow();
 * }
 * }</pre>
 */
package dev.gantry.health.etcd;
