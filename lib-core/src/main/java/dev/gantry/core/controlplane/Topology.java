package dev.gantry.core.controlplane;

import dev.gantry.core.Inventory;
import dev.gantry.core.Machine;
import dev.gantry.core.ProviderKind;
import dev.gantry.core.Role;
import dev.gantry.core.internal.Addresses;
import java.util.List;
import java.util.Optional;

/** The machines of a plan by part, with the spec and the resolved join secrets. */
record Topology(ControlPlaneSpec spec, List<Machine> masters, List<Machine> workers, List<Machine> etcdMachines,
        JoinSecrets secrets) {

    /** The etcd client port. */
    static final int ETCD_CLIENT_PORT = 2379;

    /** The etcd peer port. */
    static final int ETCD_PEER_PORT = 2380;

    static Topology of(Inventory inventory, ControlPlaneSpec spec, JoinSecrets secrets) {
        return new Topology(spec, inventory.controlPlanes(), inventory.workers(), inventory.machines(Role.ETCD),
                secrets);
    }

    /** The voting etcd members: the masters when etcd is stacked, else the etcd machines. */
    List<Machine> voters() {
        return stacked() ? masters : etcdMachines;
    }

    boolean stacked() {
        return spec.etcd() == EtcdTopology.STACKED;
    }

    /** The shape the HA rules judge: the masters, the etcd machines and the endpoint. */
    ControlPlaneShape shape() {
        return new ControlPlaneShape(members(masters), spec.etcd(), members(etcdMachines), spec.endpoint());
    }

    private static List<ControlPlaneShape.Member> members(List<Machine> machines) {
        return machines.stream().map(m -> ControlPlaneShape.Member.of(m.name(), m.failureDomain(), m.address()))
                .toList();
    }

    /** The first master, which initialises the cluster. */
    Optional<Machine> firstMaster() {
        return masters.stream().findFirst();
    }

    /**
     * The address joining nodes use: the endpoint, or the first master when there is none (the
     * plan then has an {@code HA-ENDPOINT-MISSING} finding). Only asked when there are masters.
     */
    String joinAddress() {
        return spec.endpoint().map(ApiEndpoint::toString).orElseGet(() -> firstMaster()
                .map(m -> Addresses.forUrl(m.address()) + ":" + spec.apiServerPort())
                .orElseThrow(() -> new IllegalStateException("no endpoint and no control-plane machine to join")));
    }

    /** The etcd client URLs of the external etcd machines, as the API servers use them. */
    List<String> etcdClientUrls() {
        return etcdMachines.stream()
                .map(m -> "https://" + Addresses.forUrl(m.address()) + ":" + ETCD_CLIENT_PORT)
                .toList();
    }

    /** Whether keepalived must use unicast: clouds do not carry VRRP multicast. */
    boolean unicastVrrp() {
        return masters.stream().anyMatch(m -> m.provider() == ProviderKind.CLOUD_VM)
                && masters.stream().allMatch(m -> Addresses.ipLiteral(m.address()).isPresent());
    }

    static boolean hasIp(Machine machine) {
        return Addresses.ipLiteral(machine.address()).isPresent();
    }
}
