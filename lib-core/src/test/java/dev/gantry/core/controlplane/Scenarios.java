package dev.gantry.core.controlplane;

import dev.gantry.core.Inventory;
import dev.gantry.core.Machine;
import dev.gantry.core.ProviderKind;
import dev.gantry.core.Role;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plans whose artifacts are kept as golden files in {@code src/test/resources/controlplane/},
 * with the injected secrets of {@link Fixtures}, so every rendering is deterministic.
 */
final class Scenarios {

    private Scenarios() {}

    /** kubeadm, stacked etcd, bare-metal masters in one /24 behind a keepalived VIP on port 8443. */
    static ControlPlanePlan kubeadmVip() {
        ControlPlaneSpec spec = Fixtures.kubeadm("k8s-api.example.com:8443")
                .withClusterName("prod")
                .withVip("10.0.1.10", "eth0")
                .withCertSans("k8s-api.example.com", "10.0.1.10")
                .withCaCertHashes("sha256:" + "3f".repeat(32));
        return ControlPlanePlanner.plan(Fixtures.oneSubnet(), spec, HaPolicy.ofDefaults());
    }

    /** The same on cloud VMs in one subnet, so keepalived uses unicast. */
    static ControlPlanePlan kubeadmVipCloud() {
        Inventory cloud = new Inventory(Fixtures.oneSubnet().controlPlanes().stream()
                .map(m -> m.withProvider(ProviderKind.CLOUD_VM)).toList());
        return ControlPlanePlanner.plan(cloud, kubeadmVip().spec(), HaPolicy.ofDefaults());
    }

    /** kubeadm with three external etcd machines and two masters. */
    static ControlPlanePlan kubeadmExternalEtcd() {
        return ControlPlanePlanner.plan(Fixtures.externalEtcd(),
                Fixtures.kubeadm("k8s-api.example.com").withEtcd(EtcdTopology.EXTERNAL), HaPolicy.ofDefaults());
    }

    /** k3s, embedded etcd, cloud masters in three zones behind a DNS name. */
    static ControlPlanePlan k3sStacked() {
        return ControlPlanePlanner.plan(Fixtures.threeZones(), Fixtures.k3s("k8s-api.prod.example.com"),
                HaPolicy.ofDefaults());
    }

    /** k3s servers on an external etcd. */
    static ControlPlanePlan k3sExternalEtcd() {
        return ControlPlanePlanner.plan(Fixtures.externalEtcd(),
                Fixtures.k3s("k8s-api.example.com").withEtcd(EtcdTopology.EXTERNAL), HaPolicy.ofDefaults());
    }

    /** k3s behind a keepalived VIP: k3s refuses anonymous /readyz, so the checks differ. */
    static ControlPlanePlan k3sVip() {
        return ControlPlanePlanner.plan(Fixtures.oneSubnet(), Fixtures.k3s("10.0.1.10:8443")
                .withVip("10.0.1.10", "eth0"), HaPolicy.ofDefaults());
    }

    /** An IPv6 VIP, for HAProxy's and keepalived's address syntax. */
    static ControlPlanePlan kubeadmVipIpv6() {
        Inventory v6 = Inventory.of(
                Machine.of("cp-1", "fd00:0:0:1::11", Role.CONTROL_PLANE).withFailureDomain("rack1"),
                Machine.of("cp-2", "fd00:0:0:1::12", Role.CONTROL_PLANE).withFailureDomain("rack2"),
                Machine.of("cp-3", "fd00:0:0:1::13", Role.CONTROL_PLANE).withFailureDomain("rack3"));
        return ControlPlanePlanner.plan(v6, Fixtures.kubeadm("[fd00:0:0:1::10]:8443")
                .withVip("fd00:0:0:1::10", "eth0"), HaPolicy.ofDefaults());
    }

    /** Golden file name to the artifact it holds. */
    static Map<String, Artifact> golden() {
        Map<String, Artifact> files = new LinkedHashMap<>();
        ControlPlanePlan vip = kubeadmVip();
        files.put("kubeadm-init.yaml", artifact(vip, "cp-1", KubeadmRenderer.INIT_PATH));
        files.put("kubeadm-join-control-plane.yaml", artifact(vip, "cp-2", KubeadmRenderer.JOIN_PATH));
        files.put("kubeadm-join-worker.yaml", artifact(vip, "worker-1", KubeadmRenderer.JOIN_PATH));
        files.put("haproxy.cfg", artifact(vip, "cp-1", HaproxyRenderer.PATH));
        files.put("keepalived-cp-1.conf", artifact(vip, "cp-1", KeepalivedRenderer.PATH));
        files.put("keepalived-cp-2.conf", artifact(vip, "cp-2", KeepalivedRenderer.PATH));
        files.put("keepalived-unicast-cp-3.conf", artifact(kubeadmVipCloud(), "cp-3", KeepalivedRenderer.PATH));
        ControlPlanePlan external = kubeadmExternalEtcd();
        files.put("kubeadm-init-external-etcd.yaml", artifact(external, "cp-1", KubeadmRenderer.INIT_PATH));
        files.put("etcd-2.env", artifact(external, "etcd-2", EtcdRenderer.PATH));
        ControlPlanePlan k3s = k3sStacked();
        files.put("k3s-server-first.yaml", artifact(k3s, "cp-1", K3sRenderer.PATH));
        files.put("k3s-server-join.yaml", artifact(k3s, "cp-2", K3sRenderer.PATH));
        files.put("k3s-agent.yaml", artifact(k3s, "worker-1", K3sRenderer.PATH));
        files.put("k3s-server-external-etcd.yaml", artifact(k3sExternalEtcd(), "cp-2", K3sRenderer.PATH));
        files.put("haproxy-k3s.cfg", artifact(k3sVip(), "cp-1", HaproxyRenderer.PATH));
        files.put("keepalived-k3s-cp-1.conf", artifact(k3sVip(), "cp-1", KeepalivedRenderer.PATH));
        files.put("haproxy-ipv6.cfg", artifact(kubeadmVipIpv6(), "cp-1", HaproxyRenderer.PATH));
        files.put("keepalived-ipv6-cp-1.conf", artifact(kubeadmVipIpv6(), "cp-1", KeepalivedRenderer.PATH));
        return files;
    }

    static Artifact artifact(ControlPlanePlan plan, String host, String path) {
        return plan.artifactsFor(host).stream().filter(a -> a.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + path + " for " + host + " in " + plan.artifacts()));
    }
}
