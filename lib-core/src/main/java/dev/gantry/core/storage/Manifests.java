package dev.gantry.core.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Renders a plan's StorageClasses and PersistentVolumeClaims. A claim is pinned to its planned node
 * by the {@code volume.kubernetes.io/selected-node} annotation (the one the scheduler writes for
 * {@code WaitForFirstConsumer} classes, and that the external provisioner and local-path act on), and
 * every class's {@code allowedTopologies} lists only the nodes planned for its pool.
 *
 * <p>RAID-0 marks are exact: a claim placed on a pool that is RAID-0 storage on its node carries
 * {@code gantry.dev/raid0: "true"}, and a class carries it only when its pool is RAID-0 storage on
 * every node planned for it (a pool name can be striped on one node and plain on another).
 */
final class Manifests {

    static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    static final String PLANNED_NODE = "gantry.dev/planned-node";
    static final String POOL = "gantry.dev/pool";
    static final String ALLOCATED = "gantry.dev/allocated-bytes";
    static final String RAID0 = "gantry.dev/raid0";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private Manifests() {}

    static List<String> render(List<Placement> placements, StorageDriver driver, CarvingPolicy policy,
            List<NodeStorage> nodes) {
        Map<String, TreeSet<String>> nodesByPool = new LinkedHashMap<>();
        for (Placement p : placements) {
            nodesByPool.computeIfAbsent(p.pool(), k -> new TreeSet<>()).add(p.node());
        }
        Map<String, NodeStorage> byName = new LinkedHashMap<>();
        nodes.forEach(n -> byName.put(n.node(), n));
        List<String> docs = new ArrayList<>();
        nodesByPool.forEach((pool, poolNodes) -> docs.add(write(storageClass(pool, poolNodes, driver, policy,
                poolNodes.stream().allMatch(node -> isRaid0(byName, node, pool))))));
        for (Placement p : placements) {
            docs.add(write(claim(p, driver, policy, isRaid0(byName, p.node(), p.pool()))));
        }
        return List.copyOf(docs);
    }

    private static boolean isRaid0(Map<String, NodeStorage> nodes, String node, String pool) {
        NodeStorage storage = nodes.get(node);
        return storage != null && storage.pool(pool).map(Pool::isRaid0).orElse(false);
    }

    static String className(CarvingPolicy policy, StorageDriver driver, String pool) {
        String clean = pool.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (!clean.equals(pool) || clean.isEmpty()) {
            clean = (clean.isEmpty() ? "pool" : clean) + "-" + Integer.toHexString(pool.hashCode());
        }
        String name = policy.classPrefix() + "-" + driver.name() + "-" + clean;
        return name.length() <= 253 ? name : name.substring(0, 244) + "-" + Integer.toHexString(name.hashCode());
    }

    static String quantity(long bytes) {
        String[] units = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (6 - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    private static Map<String, Object> storageClass(String pool, TreeSet<String> nodes, StorageDriver driver,
            CarvingPolicy policy, boolean raid0) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "storage.k8s.io/v1");
        doc.put("kind", "StorageClass");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", className(policy, driver, pool));
        metadata.put("labels", Map.of(MANAGED_BY, "gantry"));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(POOL, pool);
        if (raid0) {
            annotations.put(RAID0, "true");
        }
        metadata.put("annotations", annotations);
        doc.put("metadata", metadata);
        doc.put("provisioner", driver.provisioner());
        Map<String, String> parameters = driver.parameters(pool);
        if (!parameters.isEmpty()) {
            doc.put("parameters", parameters);
        }
        doc.put("reclaimPolicy", "Delete");
        doc.put("volumeBindingMode", driver.bindingMode());
        doc.put("allowVolumeExpansion", driver.allowsExpansion());
        Map<String, Object> term = new LinkedHashMap<>();
        term.put("key", driver.topologyKey());
        term.put("values", List.copyOf(nodes));
        doc.put("allowedTopologies", List.of(Map.of("matchLabelExpressions", List.of(term))));
        return doc;
    }

    private static Map<String, Object> claim(Placement p, StorageDriver driver, CarvingPolicy policy,
            boolean raid0) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        if (driver.honoursSelectedNode()) {
            annotations.put(SELECTED_NODE, p.node());
        }
        annotations.put(PLANNED_NODE, p.node());
        annotations.put(POOL, p.pool());
        annotations.put(ALLOCATED, Long.toString(p.allocated().bytes()));
        if (raid0) {
            annotations.put(RAID0, "true");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", p.claim());
        metadata.put("namespace", p.namespace());
        metadata.put("labels", Map.of(MANAGED_BY, "gantry"));
        metadata.put("annotations", annotations);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("accessModes", List.of("ReadWriteOnce"));
        spec.put("storageClassName", className(policy, driver, p.pool()));
        spec.put("volumeMode", driver.fsType() == FsType.BLOCK ? "Block" : "Filesystem");
        spec.put("resources", Map.of("requests", Map.of("storage", quantity(p.requested().bytes()))));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "v1");
        doc.put("kind", "PersistentVolumeClaim");
        doc.put("metadata", metadata);
        doc.put("spec", spec);
        return doc;
    }

    private static String write(Map<String, Object> doc) {
        return MAPPER.writeValueAsString(doc);
    }
}
