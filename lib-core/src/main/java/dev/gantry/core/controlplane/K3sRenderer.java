package dev.gantry.core.controlplane;

import dev.gantry.core.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code /etc/rancher/k3s/config.yaml} for every node: the first server starts embedded
 * etcd with {@code cluster-init: true}, the other servers join through {@code server:}, and with
 * external etcd every server names the {@code datastore-endpoint}. Agents get {@code server} and
 * {@code token}. Keys follow the k3s server and agent flags (k3s-io/docs).
 */
final class K3sRenderer {

    static final String PATH = "/etc/rancher/k3s/config.yaml";

    private K3sRenderer() {}

    static List<Artifact> render(Topology t) {
        List<Artifact> artifacts = new ArrayList<>();
        for (int i = 0; i < t.masters().size(); i++) {
            Machine m = t.masters().get(i);
            artifacts.add(new Artifact(m.name(), PATH, Yaml.write(server(t, m, i == 0)), 0600));
        }
        for (Machine w : t.workers()) {
            Map<String, Object> agent = Yaml.map("server", "https://" + t.joinAddress(),
                    "token", t.secrets().token().reveal());
            node(agent, w);
            artifacts.add(new Artifact(w.name(), PATH, Yaml.write(agent), 0600));
        }
        return artifacts;
    }

    private static Map<String, Object> server(Topology t, Machine m, boolean first) {
        ControlPlaneSpec spec = t.spec();
        Map<String, Object> doc = Yaml.map();
        if (!t.stacked()) {
            doc.put("datastore-endpoint", String.join(",", t.etcdClientUrls()));
            doc.put("datastore-cafile", "/etc/rancher/k3s/etcd/ca.crt");
            doc.put("datastore-certfile", "/etc/rancher/k3s/etcd/client.crt");
            doc.put("datastore-keyfile", "/etc/rancher/k3s/etcd/client.key");
        } else if (first) {
            doc.put("cluster-init", true);
        } else {
            doc.put("server", "https://" + t.joinAddress());
        }
        doc.put("token", t.secrets().token().reveal());
        node(doc, m);
        if (spec.apiServerPort() != ApiEndpoint.DEFAULT_PORT) {
            doc.put("https-listen-port", spec.apiServerPort());
        }
        if (!spec.certSans().isEmpty()) {
            doc.put("tls-san", spec.certSans());
        }
        // These must match on every server (k3s-io/docs, datastore/ha-embedded.md).
        doc.put("cluster-cidr", spec.podSubnet());
        doc.put("service-cidr", spec.serviceSubnet());
        return doc;
    }

    private static void node(Map<String, Object> doc, Machine m) {
        doc.put("node-name", m.name());
        if (Topology.hasIp(m)) {
            doc.put("node-ip", m.address());
        }
    }
}
