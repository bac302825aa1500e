package dev.gantry.core.controlplane;

import dev.gantry.core.internal.Addresses;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of a control plane as the HA rules see it: its members with their failure domains,
 * where etcd runs, and the API endpoint. The planner builds one from an inventory and a spec; the
 * live audit in {@code gantry-k8s} builds one from what the API server shows; {@link HaRules}
 * judges both alike.
 *
 * <pre>{@code
 * ControlPlaneShape shape = ControlPlaneShape.stacked(List.of(
 *                 Member.of("cp-1", "eu-west-1a", "10.0.1.11"),
 *                 Member.of("cp-2", "eu-west-1b", "10.0.2.11"),
 *                 Member.of("cp-3", "eu-west-1c", "10.0.3.11")))
 *         .withEndpoint(ApiEndpoint.parse("k8s-api.prod.example.com"));
 * HaRules.of(HaPolicy.ofDefaults()).check(shape).print();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param members the control-plane members, which run the API servers (and etcd when it is stacked)
 * @param etcd whether etcd is stacked on the members or runs on machines of its own
 * @param etcdMembers the etcd machines: the voting members when etcd is external; with stacked
 *     etcd, machines meant for etcd that the control plane does not use
 * @param endpoint the stable API endpoint, or empty when there is none
 */
public record ControlPlaneShape(List<Member> members, EtcdTopology etcd, List<Member> etcdMembers,
        Optional<ApiEndpoint> endpoint) {

    /**
     * Validates the components and copies the lists.
     *
     * @throws NullPointerException when a component or list element is {@code null}
     */
    public ControlPlaneShape {
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        Objects.requireNonNull(etcd, "etcd");
        etcdMembers = List.copyOf(Objects.requireNonNull(etcdMembers, "etcdMembers"));
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * Returns a shape whose etcd runs on its members, without an endpoint.
     *
     * @param members the control-plane members
     * @return the shape
     */
    public static ControlPlaneShape stacked(List<Member> members) {
        return new ControlPlaneShape(members, EtcdTopology.STACKED, List.of(), Optional.empty());
    }

    /**
     * Returns a shape whose etcd runs on machines of its own, without an endpoint.
     *
     * @param members the control-plane members
     * @param etcdMembers the external etcd members
     * @return the shape
     */
    public static ControlPlaneShape external(List<Member> members, List<Member> etcdMembers) {
        return new ControlPlaneShape(members, EtcdTopology.EXTERNAL, etcdMembers, Optional.empty());
    }

    /**
     * Returns a copy whose clients use the given endpoint.
     *
     * @param value the endpoint
     * @return the copy
     */
    public ControlPlaneShape withEndpoint(ApiEndpoint value) {
        return new ControlPlaneShape(members, etcd, etcdMembers, Optional.of(Objects.requireNonNull(value, "value")));
    }

    /**
     * Returns the voting etcd members: the control-plane members when etcd is stacked, else the
     * etcd members.
     *
     * @return the voters, possibly none
     */
    public List<Member> voters() {
        return stacked() ? members : etcdMembers;
    }

    /**
     * Tells whether etcd is stacked on the control-plane members.
     *
     * @return {@code true} for {@link EtcdTopology#STACKED}
     */
    public boolean stacked() {
        return etcd == EtcdTopology.STACKED;
    }

    /**
     * Returns the control-plane member whose name or address is the endpoint's host: the single
     * point of failure an endpoint should never be.
     *
     * @return the member, or empty when the endpoint is none of them or there is no endpoint
     */
    public Optional<Member> endpointMember() {
        return endpoint.flatMap(e -> members.stream().filter(m -> m.answersTo(e.host())).findFirst());
    }

    /**
     * One machine or node of a control plane, or of its external etcd.
     *
     * @param name the machine or node name
     * @param failureDomain its zone or rack; empty when it cannot be known (an etcd host outside the
     *     cluster's view). Machines in {@code unspecified} share that one domain
     * @param addresses its IP addresses or host names; possibly none
     */
    public record Member(String name, Optional<String> failureDomain, List<String> addresses) {

        /**
         * Validates the components and copies the list.
         *
         * @throws NullPointerException when a component or address is {@code null}
         */
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(failureDomain, "failureDomain");
            addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
        }

        /**
         * Returns a member in a known failure domain.
         *
         * @param name the name, e.g. {@code cp-1}
         * @param failureDomain the zone or rack, e.g. {@code eu-west-1a}
         * @param addresses its addresses, e.g. {@code 10.0.1.11}
         * @return the member
         */
        public static Member of(String name, String failureDomain, String... addresses) {
            return new Member(name, Optional.of(Objects.requireNonNull(failureDomain, "failureDomain")),
                    Arrays.asList(addresses));
        }

        /**
         * Returns a copy whose failure domain is unknown.
         *
         * @return the copy
         */
        public Member withUnknownFailureDomain() {
            return new Member(name, Optional.empty(), addresses);
        }

        /** Tells whether a host name or address is this member's name or one of its addresses. */
        boolean answersTo(String host) {
            String key = Addresses.key(host);
            return name.equals(host) || addresses.stream().anyMatch(a -> Addresses.key(a).equals(key));
        }
    }
}
