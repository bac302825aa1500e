package dev.gantry.core.controlplane;

import dev.gantry.core.Machine;
import dev.gantry.core.internal.Addresses;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders {@code /etc/etcd/etcd.env} for each external etcd member: etcd reads every flag from an
 * {@code ETCD_*} variable ({@code ETCD_NAME} is {@code --name}), so a systemd unit loads the file
 * with {@code EnvironmentFile=}. Members talk TLS to each other and to clients; the certificates
 * under {@code /etc/etcd/pki} are not rendered here.
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
        return "# etcd member " + m.name() + " of the external etcd cluster of " + t.spec().clusterName()
                + "; rendered by Gantry\n"
                + "# Each variable is the etcd flag of the same name: ETCD_NAME is --name.\n"
                + "ETCD_NAME=" + m.name() + "\n"
                + "ETCD_DATA_DIR=/var/lib/etcd\n"
                + "ETCD_LISTEN_PEER_URLS=" + url(listen, Topology.ETCD_PEER_PORT) + "\n"
                + "ETCD_LISTEN_CLIENT_URLS=" + url(listen, Topology.ETCD_CLIENT_PORT) + ","
                + url("127.0.0.1", Topology.ETCD_CLIENT_PORT) + "\n"
                + "ETCD_INITIAL_ADVERTISE_PEER_URLS=" + url(m.address(), Topology.ETCD_PEER_PORT) + "\n"
                + "ETCD_ADVERTISE_CLIENT_URLS=" + url(m.address(), Topology.ETCD_CLIENT_PORT) + "\n"
                + "ETCD_INITIAL_CLUSTER=" + cluster + "\n"
                + "ETCD_INITIAL_CLUSTER_STATE=new\n"
                + "ETCD_INITIAL_CLUSTER_TOKEN=" + t.spec().clusterName() + "-etcd\n"
                + "ETCD_CERT_FILE=/etc/etcd/pki/server.crt\n"
                + "ETCD_KEY_FILE=/etc/etcd/pki/server.key\n"
                + "ETCD_TRUSTED_CA_FILE=/etc/etcd/pki/ca.crt\n"
                + "ETCD_CLIENT_CERT_AUTH=true\n"
                + "ETCD_PEER_CERT_FILE=/etc/etcd/pki/peer.crt\n"
                + "ETCD_PEER_KEY_FILE=/etc/etcd/pki/peer.key\n"
                + "ETCD_PEER_TRUSTED_CA_FILE=/etc/etcd/pki/ca.crt\n"
                + "ETCD_PEER_CLIENT_CERT_AUTH=true\n";
    }

    private static String url(String host, int port) {
        return "https://" + Addresses.forUrl(host) + ":" + port;
    }
}
