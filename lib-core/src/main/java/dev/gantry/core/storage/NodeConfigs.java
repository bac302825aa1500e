package dev.gantry.core.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Renders the drivers' node configuration for the pools of one node: TopoLVM's {@code lvmd.yaml}
 * device classes and the static provisioner's {@code storageClassMap} ConfigMap.
 */
final class NodeConfigs {

    /** TopoLVM lvmd's socket, as in its own example configuration. */
    static final String LVMD_SOCKET = "/run/topolvm/lvmd.sock";
    /** TopoLVM's rule for device-class names (a Kubernetes qualified name part, at most 63). */
    private static final Pattern DEVICE_CLASS = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .build();

    /** One pool with the layout that prepares it. */
    record Prepared(Pool pool, PoolLayout layout) {}

    private NodeConfigs() {}

    /**
     * {@code lvmd.yaml}: one thick device class per pool, named after it, on the volume group of the
     * same name; the first is the default; {@code spare-gb} is the policy's reserve; a striped pool
     * has {@code stripe} and {@code stripe-size}, and {@code lvcreate-options: [--type=raid0]} when
     * its layout asks for LVM raid0.
     */
    static String lvmd(List<Prepared> pools, CarvingPolicy policy) {
        long spare = spareGiB(policy);
        List<Map<String, Object>> classes = new ArrayList<>();
        for (Prepared p : pools) {
            Map<String, Object> dc = new LinkedHashMap<>();
            dc.put("name", deviceClass(p.pool().name()));
            dc.put("volume-group", p.pool().name());
            dc.put("default", classes.isEmpty());
            dc.put("spare-gb", spare);
            if (p.pool().stripes() > 1) {
                dc.put("stripe", p.pool().stripes());
                dc.put("stripe-size", p.layout().stripeSize().bytes() / Sizes.KIB + "k");
                if (p.layout().lvmRaid0()) {
                    dc.put("lvcreate-options", List.of("--type=raid0"));
                }
            }
            classes.add(dc);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("socket-name", LVMD_SOCKET);
        doc.put("device-classes", classes);
        return MAPPER.writeValueAsString(doc);
    }

    /**
     * The static provisioner's ConfigMap: one {@code storageClassMap} entry per pool, named as the
     * plan's StorageClass, with {@code hostDir} and {@code mountDir} the layout's discovery
     * directory (the provisioner's DaemonSet mounts it at the same path).
     */
    static String staticProvisioner(List<Prepared> pools, CarvingPlan plan, String namespace, String name) {
        Names.label(namespace, "ConfigMap namespace");
        Names.subdomain(name, "ConfigMap name");
        Map<String, Object> classes = new LinkedHashMap<>();
        for (Prepared p : pools) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("hostDir", p.layout().discoveryDir());
            entry.put("mountDir", p.layout().discoveryDir());
            entry.put("volumeMode", "Filesystem");
            entry.put("fsType", "ext4");
            classes.put(plan.storageClassName(p.pool().name()), entry);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("labels", Map.of(Manifests.MANAGED_BY, "gantry"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "v1");
        doc.put("kind", "ConfigMap");
        doc.put("metadata", metadata);
        doc.put("data", Map.of("storageClassMap", MAPPER.writeValueAsString(classes)));
        return MAPPER.writeValueAsString(doc);
    }

    static String deviceClass(String pool) {
        if (pool.length() > 63 || !DEVICE_CLASS.matcher(pool).matches()) {
            throw new IllegalArgumentException("pool " + pool + " cannot name a TopoLVM device class: at most 63"
                    + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
        }
        return pool;
    }

    static long spareGiB(CarvingPolicy policy) {
        long reserve = policy.reserve().bytes();
        if (reserve % Sizes.GIB != 0) {
            throw new IllegalArgumentException("the policy's reserve " + policy.reserve() + " is not a whole number"
                    + " of GiB, but TopoLVM's spare-gb is; plan with a reserve of whole GiB, e.g."
                    + " CarvingPolicy.ofDefaults().withReserve(ByteSize.parse(\"10Gi\"))");
        }
        return reserve / Sizes.GIB;
    }
}
