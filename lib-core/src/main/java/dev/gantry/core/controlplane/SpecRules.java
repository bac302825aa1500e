package dev.gantry.core.controlplane;

import dev.gantry.core.internal.Addresses;
import dev.gantry.core.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules only a plan's spec can break, which a live cluster does not show: a VIP whose holders
 * share its subnet, no port clash between HAProxy and the API server, certificate names for every
 * name clients use, and a pinned CA for kubeadm joins. The rules every control-plane shape must
 * meet are {@link HaRules}.
 */
final class SpecRules {

    static final String VIP_SUBNETS = "HA-VIP-SPANS-SUBNETS";
    static final String SAN_MISSING = "HA-SAN-MISSING";
    static final String PORT_CLASH = "HA-LB-PORT-CLASH";
    static final String CA_UNPINNED = "HA-JOIN-CA-UNPINNED";
    static final String VIP_ONE_SUBNET = "HA-VIP-ONE-SUBNET";
    static final String SAN_COMPLETE = "HA-SAN-COMPLETE";
    static final String PORT_FREE = "HA-LB-PORT-FREE";
    static final String CA_PINNED = "HA-JOIN-CA-PINNED";
    static final String SUBJECT = EndpointRules.SUBJECT;

    private SpecRules() {}

    static List<Finding> check(Topology t) {
        List<Finding> findings = new ArrayList<>();
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

    private static Finding portClash(Topology t) {
        int port = t.spec().endpoint().map(ApiEndpoint::port).orElse(ApiEndpoint.DEFAULT_PORT);
        if (port != t.spec().apiServerPort()) {
            return Finding.pass(PORT_FREE, SUBJECT, "HAProxy listens on " + port + ", the API servers on "
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
            findings.add(Finding.pass(SAN_COMPLETE, SUBJECT, "the API certificate names every address clients use"));
        }
        return findings;
    }

    private static Finding caPinned(Topology t) {
        if (!t.spec().caCertHashes().isEmpty()) {
            return Finding.pass(CA_PINNED, SUBJECT, "joins verify the cluster CA against "
                    + t.spec().caCertHashes().size() + " pinned hash(es)");
        }
        return Finding.warn(CA_UNPINNED, SUBJECT, "the join files set unsafeSkipCAVerification, as the CA does not"
                        + " exist before kubeadm init: a host that impersonates the endpoint could take the joins",
                "after kubeadm init, read the hash with 'openssl x509 -pubkey -in /etc/kubernetes/pki/ca.crt"
                        + " | openssl rsa -pubin -outform der 2>/dev/null | openssl dgst -sha256 -hex' and plan"
                        + " again with withCaCertHashes(\"sha256:<hash>\")");
    }
}
