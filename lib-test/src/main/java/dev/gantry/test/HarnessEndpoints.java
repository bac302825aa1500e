package dev.gantry.test;

import dev.gantry.core.Secret;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.TlsSettings;
import dev.gantry.test.harness.EtcdCluster;
import dev.gantry.test.harness.EtcdTlsCluster;
import dev.gantry.test.harness.LitecoinRegtest;
import java.util.List;
import java.util.Objects;

/**
 * Turns the real programs of {@code dev.gantry.test.harness} into the endpoints Gantry's checks
 * and sync sources take, with their credentials as {@link Secret}s.
 *
 * <pre>{@code
 * SyncSource node = SyncSource.bitcoin(HarnessEndpoints.rpc(litecoind));
 * EtcdClusterCheck check = EtcdClusterCheck.of(HarnessEndpoints.clients(etcd));   // EtcdCluster or EtcdTlsCluster
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class HarnessEndpoints {

    private HarnessEndpoints() {}

    /**
     * A litecoind node's JSON-RPC, with its user and password (basic auth).
     *
     * @param node the running node
     * @return the endpoint, with {@link HttpEndpoint}'s default timeout
     */
    public static HttpEndpoint rpc(LitecoinRegtest node) {
        Objects.requireNonNull(node, "node");
        return HttpEndpoint.of(node.rpcUrl()).withBasicAuth(node.rpcUser(), Secret.of(node.password().reveal()));
    }

    /**
     * Every etcd member's client address, member 0 first.
     *
     * @param etcd the running cluster
     * @return one endpoint a member, with {@link HttpEndpoint}'s default timeout
     */
    public static List<HttpEndpoint> clients(EtcdCluster etcd) {
        Objects.requireNonNull(etcd, "etcd");
        return etcd.clientUrls().stream().map(HttpEndpoint::of).toList();
    }

    /**
     * Every etcd member's https client address, member 0 first, trusting the cluster's CA and
     * showing its client certificate; the key is read once and kept as a {@link Secret}.
     *
     * @param etcd the running mutual-TLS cluster
     * @return one endpoint a member, with {@link HttpEndpoint}'s default timeout
     */
    public static List<HttpEndpoint> clients(EtcdTlsCluster etcd) {
        Objects.requireNonNull(etcd, "etcd");
        TlsSettings tls = TlsSettings.ofDefaults().withCaBundle(etcd.caBundle())
                .withClientCertificate(etcd.clientCertificate(), etcd.clientKey());
        return etcd.clientUrls().stream().map(url -> HttpEndpoint.of(url).withTls(tls)).toList();
    }
}
