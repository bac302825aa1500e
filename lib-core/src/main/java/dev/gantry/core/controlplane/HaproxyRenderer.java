package dev.gantry.core.controlplane;

import dev.gantry.core.Machine;
import dev.gantry.core.internal.Addresses;
import java.util.List;

/**
 * Renders {@code /etc/haproxy/haproxy.cfg} for every master when the endpoint is a keepalived VIP:
 * a TCP frontend on the endpoint port and a backend of all API servers, each checked with an HTTPS
 * {@code GET /readyz} that must answer 200 (the kubeadm HA guide's recipe with {@code /readyz}
 * instead of the deprecated {@code /healthz}). k3s answers anonymous requests with 401
 * (k3s-io/k3s#3576), so for k3s the check is a TLS handshake instead. Client and server timeouts
 * are long because watches and {@code kubectl logs -f} keep connections open.
 */
final class HaproxyRenderer {

    static final String PATH = "/etc/haproxy/haproxy.cfg";

    private HaproxyRenderer() {}

    static List<Artifact> render(Topology t) {
        if (t.spec().vip().isEmpty()) {
            return List.of();
        }
        String config = config(t);
        return t.masters().stream().map(m -> new Artifact(m.name(), PATH, config, 0644)).toList();
    }

    static String config(Topology t) {
        int port = t.spec().endpoint().map(ApiEndpoint::port).orElse(ApiEndpoint.DEFAULT_PORT);
        StringBuilder sb = new StringBuilder()
                .append("# HAProxy in front of the Kubernetes API servers of ").append(t.spec().clusterName())
                .append("; rendered by Gantry\n")
                .append("global\n")
                .append("    log stdout format raw local0\n")
                .append("    maxconn 20000\n\n")
                .append("defaults\n")
                .append("    mode tcp\n")
                .append("    log global\n")
                .append("    option tcplog\n")
                .append("    option dontlognull\n")
                .append("    retries 1\n")
                .append("    timeout connect 5s\n")
                .append("    timeout client 30m\n")
                .append("    timeout server 30m\n")
                .append("    timeout check 5s\n\n")
                .append("frontend apiserver\n")
                .append("    bind ").append(bind(t, port)).append('\n')
                .append("    default_backend apiserver\n\n")
                .append("backend apiserver\n");
        if (anonymousReadyz(t)) {
            sb.append("    option httpchk GET /readyz\n")
                    .append("    http-check expect status 200\n");
        }
        sb.append("    balance roundrobin\n")
                .append("    default-server inter 2s fall 3 rise 2\n");
        for (Machine m : t.masters()) {
            sb.append("    server ").append(m.name()).append(' ').append(Addresses.forUrl(m.address())).append(':')
                    .append(t.spec().apiServerPort()).append(" check check-ssl verify none\n");
        }
        return sb.toString();
    }

    /**
     * All addresses of the endpoint's family, so the bind works before keepalived brings the VIP
     * and with IPv6 disabled on IPv4 hosts.
     */
    private static String bind(Topology t, int port) {
        boolean ipv6 = t.spec().vip().map(v -> v.address().indexOf(':') >= 0).orElse(false);
        return ipv6 ? ":::" + port + " v4v6" : "*:" + port;
    }

    /** Whether the API servers answer {@code /readyz} without credentials: kubeadm's do, k3s's do not. */
    static boolean anonymousReadyz(Topology t) {
        return t.spec().distribution() == Distribution.KUBEADM;
    }
}
