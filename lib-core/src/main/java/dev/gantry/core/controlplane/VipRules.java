package dev.gantry.core.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.Machine;
import dev.gantry.core.ProviderKind;
import java.util.List;

/**
 * The VIP subnet rule. keepalived announces the VIP with ARP (IPv4) or neighbour advertisements
 * (IPv6), which only reach the VIP's own subnet: every master that may hold the VIP must have an
 * address in it (the VIP's prefix, /24 or /64 unless the {@link Vip} says otherwise). When the
 * masters are cloud VMs, machines outside that subnet, such as bare-metal workers in a data
 * centre, cannot reach the VIP at all, as cloud routers do not learn addresses from ARP.
 */
final class VipRules {

    private VipRules() {}

    static Finding subnets(Topology t, Vip vip) {
        String network = vip.network();
        List<String> outside = t.masters().stream().filter(m -> !vip.covers(m.address())).map(VipRules::shown).toList();
        if (!outside.isEmpty()) {
            return Finding.fail(SpecRules.VIP_SUBNETS, SpecRules.SUBJECT, "the VIP " + vip.address()
                            + " is announced in " + network + ", but master(s) " + String.join(", ", outside)
                            + " are outside it: an L2 VIP cannot move to them",
                    "use a cloud or external load balancer, or a DNS name with all masters, instead of a VIP;"
                            + " or put every master in " + network);
        }
        boolean cloud = t.masters().stream().anyMatch(m -> m.provider() == ProviderKind.CLOUD_VM);
        List<String> unreachable = t.workers().stream().filter(w -> !vip.covers(w.address()))
                .map(VipRules::shown).toList();
        if (cloud && !unreachable.isEmpty()) {
            return Finding.fail(SpecRules.VIP_SUBNETS, SpecRules.SUBJECT, "cloud masters announce the VIP "
                            + vip.address() + " in " + network + ", which workers " + String.join(", ", unreachable)
                            + " outside it cannot reach: cloud routers do not learn an address from ARP",
                    "use the cloud's load balancer or a DNS name for the endpoint, or a client-side proxy on each"
                            + " worker (as kubespray's nginx-proxy does)");
        }
        return Finding.pass(SpecRules.VIP_ONE_SUBNET, SpecRules.SUBJECT, "the VIP " + vip.address()
                + " and all " + t.masters().size() + " masters share " + network);
    }

    private static String shown(Machine m) {
        return m.name() + " (" + m.address() + ")";
    }
}
