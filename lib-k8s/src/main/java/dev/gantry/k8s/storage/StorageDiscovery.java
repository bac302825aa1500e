package dev.gantry.k8s.storage;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Machine;
import dev.gantry.core.storage.NodeStorage;
import dev.gantry.core.storage.Pool;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link NodeStorage} from what the drivers publish in the cluster: TopoLVM's node
 * annotations {@code capacity.topolvm.io/<device-class>}, OpenEBS lvm-localpv's {@code LVMNode}
 * resources ({@code local.openebs.io/v1alpha1}), or the CSIStorageCapacity objects of one
 * StorageClass. Failure domains come from the nodes' {@code topology.kubernetes.io/zone} label
 * ({@value Machine#UNSPECIFIED_FAILURE_DOMAIN} without one).
 *
 * <pre>{@code
 * List<NodeStorage> nodes = StorageDiscovery.of(client).topolvm();
 * }</pre>
 *
 * <p>Read-only; every call has the client's own timeouts; an API error becomes a {@link
 * dev.gantry.k8s.KubernetesApiException}. Values that cannot be read (a malformed annotation or
 * quantity) are skipped and logged at WARN, so one bad node does not hide the others. Thread-safe
 * when the client is.
 */
public final class StorageDiscovery {

    /** The prefix of TopoLVM's per-device-class capacity annotations on nodes. */
    public static final String TOPOLVM_CAPACITY = "capacity.topolvm.io/";
    /** The zone label that gives a node's failure domain. */
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    static final ResourceDefinitionContext LVM_NODES = new ResourceDefinitionContext.Builder()
            .withGroup("local.openebs.io").withVersion("v1alpha1").withKind("LVMNode").withPlural("lvmnodes")
            .withNamespaced(true).build();

    private static final Logger log = LoggerFactory.getLogger(StorageDiscovery.class);

    private final KubernetesClient client;

    private StorageDiscovery(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Returns a discovery over a cluster.
     *
     * @param client a client for the cluster; not closed by the discovery
     * @return the discovery
     */
    public static StorageDiscovery of(KubernetesClient client) {
        return new StorageDiscovery(client);
    }

    /**
     * Reads TopoLVM's capacity annotations: one pool per device class (the default class is
     * {@code 00default}), free bytes as TopoLVM reports them (already net of {@code spare-gb}).
     *
     * @return the nodes that carry at least one annotation, sorted by name
     */
    public List<NodeStorage> topolvm() {
        List<NodeStorage> result = new ArrayList<>();
        for (Node node : nodes()) {
            NodeStorage storage = NodeStorage.of(node.getMetadata().getName(), domain(node));
            Map<String, String> annotations = node.getMetadata().getAnnotations();
            for (Map.Entry<String, String> a : annotations == null ? Map.<String, String>of().entrySet()
                    : annotations.entrySet()) {
                if (a.getKey().startsWith(TOPOLVM_CAPACITY)) {
                    storage = withPool(storage, a.getKey().substring(TOPOLVM_CAPACITY.length()),
                            parseBytes(a.getValue()), "annotation " + a.getKey());
                }
            }
            if (!storage.pools().isEmpty()) {
                result.add(storage);
            }
        }
        return List.copyOf(result);
    }

    /**
     * Reads lvm-localpv's {@code LVMNode} resources: one pool per volume group, with its free bytes.
     *
     * @return one node per LVMNode whose node exists, sorted by name
     */
    public List<NodeStorage> lvmNodes() {
        Map<String, Node> byName = nodesByName();
        List<GenericKubernetesResource> items = Reads.call("list LVMNode resources",
                () -> client.genericKubernetesResources(LVM_NODES).inAnyNamespace().list().getItems());
        List<NodeStorage> result = new ArrayList<>();
        for (GenericKubernetesResource item : items) {
            String name = item.getMetadata().getName();
            Node node = byName.get(name);
            if (node == null) {
                log.warn("LVMNode {} names no node of the cluster; skipped", name);
                continue;
            }
            NodeStorage storage = NodeStorage.of(name, domain(node));
            Object groups = item.getAdditionalProperties().get("volumeGroups");
            for (Object g : groups instanceof List<?> list ? list : List.of()) {
                if (g instanceof Map<?, ?> vg && vg.get("name") instanceof String vgName) {
                    storage = withPool(storage, vgName, Reads.bytes(String.valueOf(vg.get("free"))),
                            "LVMNode " + name + " volume group " + vgName);
                }
            }
            result.add(storage);
        }
        result.sort((a, b) -> a.node().compareTo(b.node()));
        return List.copyOf(result);
    }

    /**
     * Reads the CSIStorageCapacity objects of one StorageClass: one pool named {@code pool} per node
     * (matched by the value of {@code topologyKey} in the object's {@code nodeTopology}), with the
     * published capacity ({@code maximumVolumeSize} when set, as the scheduler uses it).
     *
     * @param storageClass the StorageClass name
     * @param topologyKey the driver's topology key, e.g. {@code topology.topolvm.io/node}
     * @param pool the pool name to give, e.g. the device class
     * @return the nodes with a capacity object, sorted by name
     */
    public List<NodeStorage> capacities(String storageClass, String topologyKey, String pool) {
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(topologyKey, "topologyKey");
        Map<String, Node> byName = nodesByName();
        Map<String, NodeStorage> result = new TreeMap<>();
        for (CSIStorageCapacity c : capacityObjects()) {
            if (!storageClass.equals(c.getStorageClassName())) {
                continue;
            }
            String name = CapacityObjects.node(c, topologyKey).orElse(null);
            Node node = name == null ? null : byName.get(name);
            if (node == null) {
                continue;
            }
            OptionalLong bytes = Reads.bytes(c.getMaximumVolumeSize() != null ? c.getMaximumVolumeSize()
                    : c.getCapacity());
            result.put(name, withPool(NodeStorage.of(name, domain(node)), pool, bytes,
                    "CSIStorageCapacity " + c.getMetadata().getName()));
        }
        return List.copyOf(result.values());
    }

    List<Node> nodes() {
        List<Node> nodes = new ArrayList<>(Reads.call("list nodes", () -> client.nodes().list().getItems()));
        nodes.sort((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()));
        return nodes;
    }

    List<CSIStorageCapacity> capacityObjects() {
        return Reads.call("list CSIStorageCapacity objects",
                () -> client.storage().v1().csiStorageCapacities().inAnyNamespace().list().getItems());
    }

    private Map<String, Node> nodesByName() {
        Map<String, Node> byName = new LinkedHashMap<>();
        nodes().forEach(n -> byName.put(n.getMetadata().getName(), n));
        return byName;
    }

    static String domain(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        String zone = labels == null ? null : labels.get(ZONE_LABEL);
        return zone == null || zone.isBlank() ? Machine.UNSPECIFIED_FAILURE_DOMAIN : zone;
    }

    private static OptionalLong parseBytes(String value) {
        return value != null && value.strip().matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(value.strip()))
                : OptionalLong.empty();
    }

    private static NodeStorage withPool(NodeStorage storage, String pool, OptionalLong bytes, String source) {
        if (bytes.isEmpty()) {
            log.warn("{} on node {}: no readable size; skipped", source, storage.node());
            return storage;
        }
        try {
            return storage.withPool(Pool.of(pool, ByteSize.ofBytes(bytes.getAsLong())));
        } catch (IllegalArgumentException e) {
            log.warn("{} on node {}: {}; skipped", source, storage.node(), e.getMessage());
            return storage;
        }
    }
}
