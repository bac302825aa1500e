package dev.gantry.core.controlplane;

import dev.gantry.core.Machine;
import dev.gantry.core.etcd.EtcdEnvFile;
import dev.gantry.core.internal.Addresses;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders {@code /etc/etcd/etcd.env} for each external etcd member through {@link EtcdEnvFile}, so
 * that a systemd unit loads it with {@code EnvironmentFile=}. Members talk TLS to each other and to
 * clients; the certificates under {@code /etc/etcd/pki} are not rendered here.
 */
final class EtcdRenderer {

    static final String PATH = "/etc/etcd/etcd.env";

    private EtcdRenderer() {}

    static List<Artifact> render(Topology t) {
        if (t.stacked()) {
            return List.of();
        }
        String cluster = t.etcdMachines().stream()
                .map(m -> m.name() + "=" + url(m.address(), Topology.ETCD_PEER_PORT))
                .collect(Collectors.joining(","));
        return t.etcdMachines().stream()
                .map(m -> new Artifact(m.name(), PATH, member(t, m, cluster), 0644))
                .toList();
    }

    private static String member(Topology t, Machine m, String cluster) {
        String listen = Topology.hasIp(m) ? m.address() : "0.0.0.0";
        return EtcdEnvFile.of("etcd member " + m.name() + " of the external etcd cluster of " + t.spec().clusterName()
                                + "; rendered by Gantry",
                        "Each variable is the etcd flag of the same name: ETCD_NAME is --name.")
                .with("ETCD_NAME", m.name())
                .with("ETCD_DATA_DIR", "/var/lib/etcd")
                .with("ETCD_LISTEN_PEER_URLS", url(listen, Topology.ETCD_PEER_PORT))
                .with("ETCD_LISTEN_CLIENT_URLS", url(listen, Topology.ETCD_CLIENT_PORT) + ","
                        + url("127.0.0.1", Topology.ETCD_CLIENT_PORT))
                .with("ETCD_INITIAL_ADVERTISE_PEER_URLS", url(m.address(), Topology.ETCD_PEER_PORT))
                .with("ETCD_ADVERTISE_CLIENT_URLS", url(m.address(), Topology.ETCD_CLIENT_PORT))
                .with("ETCD_INITIAL_CLUSTER", cluster)
                .with("ETCD_INITIAL_CLUSTER_STATE", "new")
                .with("ETCD_INITIAL_CLUSTER_TOKEN", t.spec().clusterName() + "-etcd")
                .with("ETCD_CERT_FILE", "/etc/etcd/pki/server.crt")
                .with("ETCD_KEY_FILE", "/etc/etcd/pki/server.key")
                .with("ETCD_TRUSTED_CA_FILE", "/etc/etcd/pki/ca.crt")
                .with("ETCD_CLIENT_CERT_AUTH", "true")
                .with("ETCD_PEER_CERT_FILE", "/etc/etcd/pki/peer.crt")
                .with("ETCD_PEER_KEY_FILE", "/etc/etcd/pki/peer.key")
                .with("ETCD_PEER_TRUSTED_CA_FILE", "/etc/etcd/pki/ca.crt")
                .with("ETCD_PEER_CLIENT_CERT_AUTH", "true")
                .render();
    }

    private static String url(String host, int port) {
        return "https://" + Addresses.forUrl(host) + ":" + port;
    }
}
