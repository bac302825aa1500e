package dev.gantry.core.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.controlplane.ControlPlaneShape.Member;
import java.util.List;
import java.util.Optional;

/**
 * The rules about how clients reach the API: there is a stable endpoint, and it is not one
 * control-plane member's own name or address. Both only warn for a single member under a policy
 * that allows one.
 */
final class EndpointRules {

    static final String MISSING = "HA-ENDPOINT-MISSING";
    static final String IS_NODE = "HA-ENDPOINT-IS-NODE";
    static final String SET = "HA-ENDPOINT-SET";
    static final String NOT_NODE = "HA-ENDPOINT-NOT-A-NODE";
    static final String SUBJECT = "endpoint";

    private EndpointRules() {}

    static List<Finding> check(ControlPlaneShape shape, HaPolicy policy) {
        boolean single = shape.members().size() <= 1 && policy.minMembers() <= 1;
        Optional<ApiEndpoint> endpoint = shape.endpoint();
        if (endpoint.isEmpty()) {
            return List.of(missing(single));
        }
        return List.of(
                Finding.pass(SET, SUBJECT, "clients and joining nodes use " + endpoint.get().url()),
                isNode(endpoint.get(), shape.endpointMember(), single));
    }

    private static Finding missing(boolean single) {
        String remedy = "put a DNS name (or a VIP) served by a load balancer in front of all masters and use it as"
                + " the control-plane endpoint, e.g. ControlPlaneSpec.kubeadm(\"k8s-api.example.com\"); even one"
                + " master should use a DNS name, as changing the endpoint later means re-signing certificates";
        return single
                ? Finding.warn(MISSING, SUBJECT, "no control-plane endpoint: the cluster cannot grow to several"
                        + " masters later without re-signing certificates", remedy)
                : Finding.fail(MISSING, SUBJECT, "no control-plane endpoint: nodes and clients are pinned to one"
                        + " master, and kubeadm refuses to join further control planes without one", remedy);
    }

    private static Finding isNode(ApiEndpoint endpoint, Optional<Member> node, boolean single) {
        if (node.isEmpty()) {
            return Finding.pass(NOT_NODE, SUBJECT, endpoint.host() + " is not a control-plane machine's own address");
        }
        String name = node.get().name();
        String message = "endpoint " + endpoint.host() + " is " + name + "'s own address: when " + name
                + " is down, clients and joining nodes lose the API although other masters run";
        String remedy = "use a DNS name or a VIP served by a load balancer in front of all masters";
        return single
                ? Finding.warn(IS_NODE, SUBJECT, message, remedy)
                : Finding.fail(IS_NODE, SUBJECT, message, remedy);
    }
}
