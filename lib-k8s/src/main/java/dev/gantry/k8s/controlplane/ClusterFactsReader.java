package dev.gantry.k8s.controlplane;

import dev.gantry.core.Machine;
import dev.gantry.k8s.KubernetesApiException;
import dev.gantry.k8s.controlplane.ClusterFacts.LeaderLease;
import dev.gantry.k8s.controlplane.ClusterFacts.ClusterNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@link ClusterFacts} with read-only calls: nodes, one EndpointSlice list, two ConfigMaps,
 * the etcd and kube-apiserver pods in {@code kube-system}, two leases.
 */
final class ClusterFactsReader {

    static final List<String> MASTER_ROLE_LABELS = List.of(
            "node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master");
    static final String ETCD_ROLE_LABEL = "node-role.kubernetes.io/etcd";
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    private static final String ETCD_SERVERS_FLAG = "--etcd-servers=";
    private static final Pattern ENDPOINT_FIELD = Pattern.compile("(?m)^controlPlaneEndpoint:\\s*\"?([^\"\\s#]+)");
    private static final Pattern SERVER_FIELD = Pattern.compile("(?m)^\\s*server:\\s*\"?([^\"\\s#]+)");

    private final KubernetesClient client;
    private final Clock clock;

    ClusterFactsReader(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ClusterFacts read() {
        return new ClusterFacts(nodes(), apiServerAddresses(), kubeadmEndpoint(), clusterInfoServer(), etcdPodNodes(),
                etcdServers(), leases(), clock.instant());
    }

    private List<ClusterNode> nodes() {
        List<Node> nodes = call("list nodes", () -> client.nodes().list().getItems());
        List<ClusterNode> result = new ArrayList<>();
        for (Node node : nodes) {
            Map<String, String> labels = labels(node.getMetadata().getLabels());
            result.add(new ClusterNode(node.getMetadata().getName(),
                    labels.getOrDefault(ZONE_LABEL, Machine.UNSPECIFIED_FAILURE_DOMAIN), ready(node), addresses(node),
                    MASTER_ROLE_LABELS.stream().anyMatch(labels::containsKey), labels.containsKey(ETCD_ROLE_LABEL)));
        }
        return List.copyOf(result);
    }

    private List<String> apiServerAddresses() {
        List<EndpointSlice> slices = call("list EndpointSlices of default/kubernetes", () -> client.discovery().v1()
                .endpointSlices().inNamespace("default").withLabel("kubernetes.io/service-name", "kubernetes")
                .list().getItems());
        List<String> addresses = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            for (Endpoint endpoint : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                addresses.addAll(endpoint.getAddresses() == null ? List.of() : endpoint.getAddresses());
            }
        }
        return List.copyOf(addresses);
    }

    private Optional<String> kubeadmEndpoint() {
        return configValue("kube-system", "kubeadm-config", "ClusterConfiguration", ENDPOINT_FIELD);
    }

    private Optional<String> clusterInfoServer() {
        return configValue("kube-public", "cluster-info", "kubeconfig", SERVER_FIELD);
    }

    private Optional<String> configValue(String namespace, String name, String key, Pattern field) {
        ConfigMap map = call("get ConfigMap " + namespace + "/" + name,
                () -> client.configMaps().inNamespace(namespace).withName(name).get());
        if (map == null || map.getData() == null || map.getData().get(key) == null) {
            return Optional.empty();
        }
        Matcher matcher = field.matcher(map.getData().get(key));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private List<String> etcdPodNodes() {
        return call("list etcd pods in kube-system", () -> client.pods().inNamespace("kube-system")
                .withLabel("component", "etcd").list().getItems()).stream()
                .map(pod -> pod.getSpec() == null || pod.getSpec().getNodeName() == null ? ""
                        : pod.getSpec().getNodeName())
                .toList();
    }

    /** The etcd URLs the API servers use, from their {@code --etcd-servers} flag; each URL once. */
    private List<String> etcdServers() {
        List<Pod> pods = call("list kube-apiserver pods in kube-system", () -> client.pods().inNamespace("kube-system")
                .withLabel("component", "kube-apiserver").list().getItems());
        Set<String> urls = new LinkedHashSet<>();
        for (Pod pod : pods) {
            List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null
                    ? List.of() : pod.getSpec().getContainers();
            for (Container container : containers) {
                flags(container).filter(f -> f.startsWith(ETCD_SERVERS_FLAG))
                        .flatMap(f -> Arrays.stream(f.substring(ETCD_SERVERS_FLAG.length()).split(",")))
                        .map(String::trim).filter(u -> !u.isEmpty()).forEach(urls::add);
            }
        }
        return List.copyOf(urls);
    }

    private static Stream<String> flags(Container container) {
        return Stream.concat(
                container.getCommand() == null ? Stream.of() : container.getCommand().stream(),
                container.getArgs() == null ? Stream.of() : container.getArgs().stream()).filter(Objects::nonNull);
    }

    private List<LeaderLease> leases() {
        List<LeaderLease> leases = new ArrayList<>();
        for (String component : List.of("kube-controller-manager", "kube-scheduler")) {
            Lease lease = call("get Lease kube-system/" + component,
                    () -> client.leases().inNamespace("kube-system").withName(component).get());
            if (lease != null && lease.getSpec() != null) {
                var spec = lease.getSpec();
                leases.add(new LeaderLease(component, Objects.toString(spec.getHolderIdentity(), ""),
                        renewTime(spec.getRenewTime()),
                        spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds()));
            }
        }
        return List.copyOf(leases);
    }

    private static Optional<Instant> renewTime(ZonedDateTime time) {
        return Optional.ofNullable(time).map(ZonedDateTime::toInstant);
    }

    private static boolean ready(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        return node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<String> addresses(Node node) {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return List.of();
        }
        return node.getStatus().getAddresses().stream().map(NodeAddress::getAddress).filter(Objects::nonNull).toList();
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    private static <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw KubernetesApiException.from("control-plane audit: " + action, e);
        }
    }
}
