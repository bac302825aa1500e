package dev.gantry.core.controlplane;

import dev.gantry.core.Machine;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code /etc/keepalived/keepalived.conf} for every master when the endpoint is a VIP: a
 * {@code vrrp_script} that asks the local HAProxy for {@code /readyz} every 3 s (for k3s, which
 * answers anonymous requests with 401, any HTTP answer counts), and a {@code
 * vrrp_instance} that holds the VIP. The first master starts as MASTER with priority 101, the
 * others as BACKUP with 100, 99, …; a failing check lowers a priority by 2, so the VIP moves to a
 * healthy master. When any master is a cloud VM, VRRP uses unicast to the other masters, as cloud
 * networks do not carry its multicast.
 */
final class KeepalivedRenderer {

    static final String PATH = "/etc/keepalived/keepalived.conf";
    static final int FIRST_PRIORITY = 101;

    private KeepalivedRenderer() {}

    static List<Artifact> render(Topology t) {
        if (t.spec().vip().isEmpty()) {
            return List.of();
        }
        List<Artifact> artifacts = new ArrayList<>();
        for (int i = 0; i < t.masters().size(); i++) {
            Machine m = t.masters().get(i);
            artifacts.add(new Artifact(m.name(), PATH, config(t, m, i), 0644));
        }
        return artifacts;
    }

    static String config(Topology t, Machine self, int index) {
        Vip vip = t.spec().vip().orElseThrow();
        int port = t.spec().endpoint().map(ApiEndpoint::port).orElse(ApiEndpoint.DEFAULT_PORT);
        StringBuilder sb = new StringBuilder()
                .append("# keepalived for the API VIP ").append(vip.address()).append(" of ")
                .append(t.spec().clusterName()).append("; rendered by Gantry\n")
                .append("global_defs {\n")
                .append("    router_id ").append(self.name()).append('\n')
                .append("    enable_script_security\n")
                .append("    script_user root\n")
                .append("}\n\n")
                .append("vrrp_script check_apiserver {\n")
                .append("    script \"/usr/bin/curl ")
                .append(HaproxyRenderer.anonymousReadyz(t) ? "-sfk" : "-sk -o /dev/null")
                .append(" --max-time 2 https://127.0.0.1:").append(port).append("/readyz\"\n")
                .append("    interval 3\n")
                .append("    timeout 3\n")
                .append("    weight -2\n")
                .append("    fall 10\n")
                .append("    rise 2\n")
                .append("}\n\n")
                .append("vrrp_instance apiserver {\n")
                .append("    state ").append(index == 0 ? "MASTER" : "BACKUP").append('\n')
                .append("    interface ").append(vip.networkInterface()).append('\n')
                .append("    virtual_router_id ").append(vip.routerId()).append('\n')
                .append("    priority ").append(Math.max(1, FIRST_PRIORITY - index)).append('\n')
                .append("    advert_int 1\n");
        if (t.unicastVrrp()) {
            unicast(sb, t, self);
        }
        return sb.append("    virtual_ipaddress {\n")
                .append("        ").append(vip.address()).append('/').append(vip.prefixLength()).append('\n')
                .append("    }\n")
                .append("    track_script {\n")
                .append("        check_apiserver\n")
                .append("    }\n")
                .append("}\n")
                .toString();
    }

    private static void unicast(StringBuilder sb, Topology t, Machine self) {
        sb.append("    unicast_src_ip ").append(self.address()).append('\n').append("    unicast_peer {\n");
        for (Machine peer : t.masters()) {
            if (!peer.name().equals(self.name())) {
                sb.append("        ").append(peer.address()).append('\n');
            }
        }
        sb.append("    }\n");
    }
}
