package dev.gantry.core.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.Machine;
import dev.gantry.core.internal.Addresses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules about how clients reach the API: a stable endpoint that is not one master, a VIP whose
 * holders share its subnet, certificate names for every name clients use, no port clash between
 * HAProxy and the API server, and pinned CA for kubeadm joins.
 */
final class EndpointRules {

    static final String MISSING = "HA-ENDPOINT-MISSING";
    static final String IS_NODE = "HA-ENDPOINT-IS-NODE";
    static final String VIP_SUBNETS = "HA-VIP-SPANS-SUBNETS";
    static final String SAN_MISSING = "HA-SAN-MISSING";
    static final String PORT_CLASH = "HA-LB-PORT-CLASH";
    static final String CA_UNPINNED = "HA-JOIN-CA-UNPINNED";
    static final String SUBJECT = "endpoint";

    private EndpointRules() {}

    static List<Finding> check(Topology t, HaPolicy policy) {
        List<Finding> findings = new ArrayList<>();
        boolean single = t.masters().size() <= 1 && policy.minMembers() <= 1;
        Optional<Endpoint> endpoint = t.spec().endpoint();
        if (endpoint.isEmpty()) {
            findings.add(missing(single));
        } else {
            findings.add(Finding.pass(MISSING, SUBJECT, "clients and joining nodes use " + endpoint.get().url()));
            findings.add(isNode(t, endpoint.get(), single));
        }
        t.spec().vip().ifPresent(vip -> {
            findings.add(VipRules.subnets(t, vip));
            findings.add(portClash(t));
        });
        findings.addAll(sans(t));
        if (t.spec().distribution() == Distribution.KUBEADM && t.masters().size() + t.workers().size() > 1) {
            findings.add(caPinned(t));
        }
        return findings;
    }

    private static Finding missing(boolean single) {
        String remedy = "choose a DNS name (or a VIP) in front of all masters and plan with"
                + " ControlPlaneSpec.kubeadm(\"k8s-api.example.com\"); even one master should use a DNS name,"
                + " as changing the endpoint later means re-signing certificates";
        return single
                ? Finding.warn(MISSING, SUBJECT, "no control-plane endpoint: the cluster cannot grow to several"
                        + " masters later without re-signing certificates", remedy)
                : Finding.fail(MISSING, SUBJECT, "no control-plane endpoint: nodes and clients are pinned to the first"
                        + " master, and kubeadm refuses to join further control planes without one", remedy);
    }

    private static Finding isNode(Topology t, Endpoint endpoint, boolean single) {
        String key = Addresses.key(endpoint.host());
        Optional<Machine> node = t.masters().stream()
                .filter(m -> Addresses.key(m.address()).equals(key) || m.name().equals(key))
                .findFirst();
        if (node.isEmpty()) {
            return Finding.pass(IS_NODE, SUBJECT, endpoint.host() + " is not a control-plane machine's own address");
        }
        String message = "endpoint " + endpoint.host() + " is " + node.get().name() + "'s own address: when "
                + node.get().name() + " is down, clients and joining nodes lose the API although other masters run";
        String remedy = "use a DNS name or a VIP served by a load balancer in front of all masters";
        return single
                ? Finding.warn(IS_NODE, SUBJECT, message, remedy)
                : Finding.fail(IS_NODE, SUBJECT, message, remedy);
    }

    private static Finding portClash(Topology t) {
        int port = t.spec().endpoint().map(Endpoint::port).orElse(Endpoint.DEFAULT_PORT);
        if (port != t.spec().apiServerPort()) {
            return Finding.pass(PORT_CLASH, SUBJECT, "HAProxy listens on " + port + ", the API servers on "
                    + t.spec().apiServerPort());
        }
        return Finding.fail(PORT_CLASH, SUBJECT, "HAProxy on the masters would listen on " + port
                        + ", where the API server already listens",
                "use another endpoint port for HAProxy, such as " + t.spec().endpoint()
                        .map(e -> Addresses.forUrl(e.host()) + ":8443").orElse("8443")
                        + ", or another API server port with withApiServerPort(...)");
    }

    /**
     * Names that clients use and the API server certificate must hold: the endpoint host and the
     * VIP. Covered are the spec's names, the masters' names and addresses (both distributions add
     * them) and, for kubeadm, the controlPlaneEndpoint host, which kubeadm adds itself.
     */
    private static List<Finding> sans(Topology t) {
        ControlPlaneSpec spec = t.spec();
        Set<String> covered = new HashSet<>();
        spec.certSans().forEach(s -> covered.add(Addresses.key(s)));
        t.masters().forEach(m -> {
            covered.add(Addresses.key(m.address()));
            covered.add(m.name());
        });
        boolean kubeadm = spec.distribution() == Distribution.KUBEADM;
        spec.endpoint().filter(e -> kubeadm).ifPresent(e -> covered.add(Addresses.key(e.host())));
        List<Finding> findings = new ArrayList<>();
        String field = kubeadm ? "apiServer.certSANs" : "tls-san";
        spec.endpoint().filter(e -> !covered.contains(Addresses.key(e.host()))).ifPresent(e -> findings.add(
                Finding.fail(SAN_MISSING, SUBJECT, "the endpoint host " + e.host() + " is not in " + field
                                + ": clients and joining nodes will get certificate errors",
                        "add it with withCertSans(..., \"" + e.host() + "\")")));
        spec.vip().filter(v -> !covered.contains(Addresses.key(v.address()))).ifPresent(v -> findings.add(
                Finding.warn(SAN_MISSING, SUBJECT, "the VIP " + v.address() + " is not in " + field
                                + ": clients that call the VIP by address get certificate errors",
                        "add it with withCertSans(..., \"" + v.address() + "\")")));
        if (findings.isEmpty()) {
            findings.add(Finding.pass(SAN_MISSING, SUBJECT, "the API certificate names every address clients use"));
        }
        return findings;
    }

    private static Finding caPinned(Topology t) {
        if (!t.spec().caCertHashes().isEmpty()) {
            return Finding.pass(CA_UNPINNED, SUBJECT, "joins verify the cluster CA against "
                    + t.spec().caCertHashes().size() + " pinned hash(es)");
        }
        return Finding.warn(CA_UNPINNED, SUBJECT, "the join files set unsafeSkipCAVerification, as the CA does not"
                        + " exist before kubeadm init: a host that impersonates the endpoint could take the joins",
                "after kubeadm init, read the hash with 'openssl x509 -pubkey -in /etc/kubernetes/pki/ca.crt"
                        + " | openssl rsa -pubin -outform der 2>/dev/null | openssl dgst -sha256 -hex' and plan"
                        + " again with withCaCertHashes(\"sha256:<hash>\")");
    }
}
