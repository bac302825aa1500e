package dev.gantry.core.controlplane;

import dev.gantry.core.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders kubeadm {@code v1beta4} files: {@code InitConfiguration} and {@code ClusterConfiguration}
 * for the first master, {@code JoinConfiguration} with {@code controlPlane} for the other masters
 * and without it for workers. Field names follow {@code cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go}.
 */
final class KubeadmRenderer {

    static final String API_VERSION = "kubeadm.k8s.io/v1beta4";
    static final String INIT_PATH = "/etc/kubernetes/gantry/kubeadm-init.yaml";
    static final String JOIN_PATH = "/etc/kubernetes/gantry/kubeadm-join.yaml";
    static final String TOKEN_TTL = "24h0m0s";

    private KubeadmRenderer() {}

    static List<Artifact> render(Topology t) {
        List<Artifact> artifacts = new ArrayList<>();
        for (int i = 0; i < t.masters().size(); i++) {
            Machine m = t.masters().get(i);
            artifacts.add(i == 0
                    ? new Artifact(m.name(), INIT_PATH, Yaml.write(init(t, m)) + "---\n" + Yaml.write(cluster(t)), 0600)
                    : new Artifact(m.name(), JOIN_PATH, Yaml.write(join(t, m, true)), 0600));
        }
        for (Machine w : t.workers()) {
            artifacts.add(new Artifact(w.name(), JOIN_PATH, Yaml.write(join(t, w, false)), 0600));
        }
        return artifacts;
    }

    private static Map<String, Object> init(Topology t, Machine m) {
        Map<String, Object> doc = header("InitConfiguration");
        doc.put("bootstrapTokens", List.of(Yaml.map("token", t.secrets().token().reveal(), "ttl", TOKEN_TTL)));
        if (Topology.hasIp(m)) {
            doc.put("localAPIEndpoint", localApiEndpoint(t, m));
        }
        doc.put("nodeRegistration", nodeRegistration(m));
        doc.put("certificateKey", t.secrets().certificateKey().orElseThrow().reveal());
        return doc;
    }

    private static Map<String, Object> cluster(Topology t) {
        ControlPlaneSpec spec = t.spec();
        Map<String, Object> doc = header("ClusterConfiguration");
        doc.put("clusterName", spec.clusterName());
        doc.put("kubernetesVersion", spec.kubernetesVersion());
        spec.endpoint().ifPresent(e -> doc.put("controlPlaneEndpoint", e.toString()));
        doc.put("networking", Yaml.map("podSubnet", spec.podSubnet(), "serviceSubnet", spec.serviceSubnet()));
        if (!spec.certSans().isEmpty()) {
            doc.put("apiServer", Yaml.map("certSANs", spec.certSans()));
        }
        doc.put("etcd", t.stacked() ? Yaml.map("local", Yaml.map("dataDir", "/var/lib/etcd")) : externalEtcd(t));
        return doc;
    }

    private static Map<String, Object> externalEtcd(Topology t) {
        Map<String, Object> external = Yaml.map("endpoints", t.etcdClientUrls());
        external.put("caFile", "/etc/kubernetes/pki/etcd/ca.crt");
        external.put("certFile", "/etc/kubernetes/pki/apiserver-etcd-client.crt");
        external.put("keyFile", "/etc/kubernetes/pki/apiserver-etcd-client.key");
        return Yaml.map("external", external);
    }

    private static Map<String, Object> join(Topology t, Machine m, boolean controlPlane) {
        Map<String, Object> doc = header("JoinConfiguration");
        Map<String, Object> bootstrap = Yaml.map("apiServerEndpoint", t.joinAddress(),
                "token", t.secrets().token().reveal());
        if (t.spec().caCertHashes().isEmpty()) {
            bootstrap.put("unsafeSkipCAVerification", true);
        } else {
            bootstrap.put("caCertHashes", t.spec().caCertHashes());
        }
        doc.put("discovery", Yaml.map("bootstrapToken", bootstrap));
        doc.put("nodeRegistration", nodeRegistration(m));
        if (controlPlane) {
            Map<String, Object> cp = Yaml.map();
            if (Topology.hasIp(m)) {
                cp.put("localAPIEndpoint", localApiEndpoint(t, m));
            }
            cp.put("certificateKey", t.secrets().certificateKey().orElseThrow().reveal());
            doc.put("controlPlane", cp);
        }
        return doc;
    }

    private static Map<String, Object> header(String kind) {
        return Yaml.map("apiVersion", API_VERSION, "kind", kind);
    }

    private static Map<String, Object> localApiEndpoint(Topology t, Machine m) {
        return Yaml.map("advertiseAddress", m.address(), "bindPort", t.spec().apiServerPort());
    }

    /** The node's name and, when its address is an IP, {@code node-ip} as a v1beta4 name/value list. */
    private static Map<String, Object> nodeRegistration(Machine m) {
        Map<String, Object> registration = Yaml.map("name", m.name());
        if (Topology.hasIp(m)) {
            registration.put("kubeletExtraArgs", List.of(Yaml.map("name", "node-ip", "value", m.address())));
        }
        return registration;
    }
}
