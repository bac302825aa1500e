package dev.gantry.core.controlplane;

import dev.gantry.core.Inventory;
import dev.gantry.core.Machine;
import dev.gantry.core.ProviderKind;
import dev.gantry.core.Role;
import dev.gantry.core.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Inventories and fixed secrets shared by the control-plane tests. */
final class Fixtures {

    /** A kubeadm-format token, injected so that rendered files are deterministic. */
    static final Secret TOKEN = Secret.of("q8vz3k.7d2m4x9p1c6w0b5n");
    /** A certificate key of 64 hex digits. */
    static final Secret CERT_KEY = Secret.of("5f2c0a9e7b4d1c8f3a6e9b2d5c8f1a4e7b0d3c6f9a2e5b8d1c4f7a0e3b6d9c2f");
    /** A k3s token. */
    static final Secret K3S_TOKEN = Secret.of("k3s-shared-secret-4f9d2a7c");

    private Fixtures() {}

    static Machine master(String name, String address, String domain) {
        return Machine.of(name, address, Role.CONTROL_PLANE).withFailureDomain(domain).withProvider(ProviderKind.CLOUD_VM);
    }

    static Machine worker(String name, String address, String domain) {
        return Machine.of(name, address, Role.WORKER).withFailureDomain(domain).withProvider(ProviderKind.BARE_METAL);
    }

    static Machine etcd(String name, String address, String domain) {
        return Machine.of(name, address, Role.ETCD).withFailureDomain(domain).withProvider(ProviderKind.CLOUD_VM);
    }

    /** Three cloud masters, one per zone, in three /24s, and two bare-metal workers. */
    static Inventory threeZones() {
        return Inventory.of(
                master("cp-1", "10.0.1.11", "eu-west-1a"),
                master("cp-2", "10.0.2.11", "eu-west-1b"),
                master("cp-3", "10.0.3.11", "eu-west-1c"),
                worker("worker-1", "192.168.10.21", "dc1-rack1"),
                worker("worker-2", "192.168.10.22", "dc1-rack2"));
    }

    /** Three bare-metal masters in one /24 across three racks, and one worker in the same /24. */
    static Inventory oneSubnet() {
        return Inventory.of(
                Machine.of("cp-1", "10.0.1.11", Role.CONTROL_PLANE).withFailureDomain("rack1"),
                Machine.of("cp-2", "10.0.1.12", Role.CONTROL_PLANE).withFailureDomain("rack2"),
                Machine.of("cp-3", "10.0.1.13", Role.CONTROL_PLANE).withFailureDomain("rack3"),
                worker("worker-1", "10.0.1.21", "rack1"));
    }

    /** {@code n} masters in the given zones, round robin, in one /24. */
    static Inventory masters(int n, String... zones) {
        List<Machine> machines = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            machines.add(master("cp-" + i, "10.0.1." + (10 + i), zones[(i - 1) % zones.length]));
        }
        return new Inventory(machines);
    }

    /** Two cloud masters and three external etcd machines, one per zone. */
    static Inventory externalEtcd() {
        return Inventory.of(
                master("cp-1", "10.0.1.11", "eu-west-1a"),
                master("cp-2", "10.0.2.11", "eu-west-1b"),
                etcd("etcd-1", "10.0.1.21", "eu-west-1a"),
                etcd("etcd-2", "10.0.2.21", "eu-west-1b"),
                etcd("etcd-3", "10.0.3.21", "eu-west-1c"),
                worker("worker-1", "192.168.10.21", "dc1-rack1"));
    }

    static Inventory plus(Inventory inventory, Machine... more) {
        List<Machine> machines = new ArrayList<>(inventory.machines());
        machines.addAll(Arrays.asList(more));
        return new Inventory(machines);
    }

    static ControlPlaneSpec kubeadm(String endpoint) {
        return ControlPlaneSpec.kubeadm(endpoint).withToken(TOKEN).withCertificateKey(CERT_KEY);
    }

    static ControlPlaneSpec k3s(String endpoint) {
        return ControlPlaneSpec.k3s(endpoint).withToken(K3S_TOKEN);
    }
}
