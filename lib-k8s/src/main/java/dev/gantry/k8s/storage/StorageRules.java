package dev.gantry.k8s.storage;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Finding;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/** The audit's rules over one snapshot; see {@link StorageAudit} for the codes. */
final class StorageRules {

    static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    static final String RAID0_ANNOTATION = "gantry.dev/raid0";
    private static final String WFFC = "WaitForFirstConsumer";
    private static final Set<String> LOCAL = Set.of("topolvm.io", "local.csi.openebs.io", "rancher.io/local-path",
            "kubernetes.io/no-provisioner");
    private static final Map<String, String> KNOWN_KEYS = Map.of("topolvm.io", "topology.topolvm.io/node",
            "local.csi.openebs.io", "openebs.io/nodename");

    private final StorageFacts facts;
    private final long tolerance;
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, StorageClass> classes = new HashMap<>();

    StorageRules(StorageFacts facts, long tolerance) {
        this.facts = facts;
        this.tolerance = tolerance;
        facts.nodes().forEach(n -> nodes.put(n.getMetadata().getName(), n));
        facts.classes().forEach(c -> classes.put(c.getMetadata().getName(), c));
    }

    List<Finding> apply() {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(immediateBinding());
        findings.addAll(capacityMissing());
        findings.addAll(capacityOrphanedOrDrifting());
        findings.addAll(pendingClaims());
        findings.addAll(jointNoFit());
        findings.addAll(unreplicatedOnRaid0());
        if (findings.isEmpty()) {
            findings.add(Finding.pass("CARVE-AUDIT-OK", "cluster", facts.classes().size() + " StorageClasses, "
                    + facts.capacities().size() + " CSIStorageCapacities and " + facts.claims().size()
                    + " PVCs checked"));
        }
        return findings;
    }

    private List<Finding> immediateBinding() {
        List<Finding> findings = new ArrayList<>();
        for (StorageClass c : facts.classes()) {
            if (LOCAL.contains(c.getProvisioner()) && !WFFC.equals(c.getVolumeBindingMode())) {
                findings.add(Finding.warn("CARVE-IMMEDIATE-BINDING", "StorageClass " + name(c), "local class "
                        + name(c) + " (" + c.getProvisioner() + ") binds Immediate: the volume is carved on some node"
                        + " before the pod is scheduled, and the pod must then follow it (or stays Pending)",
                        "recreate the class with volumeBindingMode: WaitForFirstConsumer (the field is immutable)"));
            }
        }
        return findings;
    }

    private List<Finding> capacityMissing() {
        List<Finding> findings = new ArrayList<>();
        for (StorageClass c : facts.classes()) {
            if (!tracksCapacity(c)) {
                continue;
            }
            for (CSINode csiNode : facts.csiNodes()) {
                String node = csiNode.getMetadata().getName();
                Optional<String> key = topologyKey(csiNode, c.getProvisioner());
                if (key.isEmpty() || !nodes.containsKey(node)) {
                    continue;
                }
                boolean found = facts.capacities().stream().anyMatch(cap -> name(c).equals(cap.getStorageClassName())
                        && CapacityObjects.node(cap, key.get()).filter(node::equals).isPresent());
                if (!found) {
                    findings.add(Finding.fail("CARVE-CAPACITY-MISSING", "node " + node, "no CSIStorageCapacity for"
                            + " class " + name(c) + " on node " + node + " although " + c.getProvisioner() + " runs"
                            + " there with storage capacity tracking: the scheduler treats the node as full",
                            "check the driver's csi-provisioner (--enable-capacity) and restart the node plugin"
                            + " on " + node + " (topolvm#1201)"));
                }
            }
        }
        return findings;
    }

    private List<Finding> capacityOrphanedOrDrifting() {
        List<Finding> findings = new ArrayList<>();
        for (CSIStorageCapacity cap : facts.capacities()) {
            StorageClass c = classes.get(cap.getStorageClassName());
            String key = c == null ? null : KNOWN_KEYS.get(c.getProvisioner());
            Optional<String> node = key != null ? CapacityObjects.node(cap, key) : CapacityObjects.anyNode(cap);
            String subject = "CSIStorageCapacity " + cap.getMetadata().getNamespace() + "/" + cap.getMetadata().getName();
            if (node.isPresent() && !nodes.containsKey(node.get())) {
                findings.add(Finding.warn("CARVE-CAPACITY-ORPHANED", subject, "it describes node " + node.get()
                        + " (class " + cap.getStorageClassName() + "), which is gone",
                        "delete it; set csi-provisioner --capacity-ownerref-level so such objects are collected"));
            } else if (node.isPresent() && c != null && "topolvm.io".equals(c.getProvisioner())) {
                drift(cap, c, nodes.get(node.get())).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private Optional<Finding> drift(CSIStorageCapacity cap, StorageClass c, Node node) {
        String deviceClass = c.getParameters() == null ? null : c.getParameters().get("topolvm.io/device-class");
        String annotation = StorageDiscovery.TOPOLVM_CAPACITY + (deviceClass == null ? "00default" : deviceClass);
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        OptionalLong own = annotations == null ? OptionalLong.empty() : Reads.bytes(annotations.get(annotation));
        OptionalLong published = Reads.bytes(cap.getCapacity());
        if (own.isEmpty() || published.isEmpty() || Math.abs(own.getAsLong() - published.getAsLong()) <= tolerance) {
            return Optional.empty();
        }
        return Optional.of(Finding.warn("CARVE-CAPACITY-DRIFT", "node " + node.getMetadata().getName(),
                "CSIStorageCapacity " + cap.getMetadata().getName() + " says " + ByteSize.ofBytes(published.getAsLong())
                + " for class " + name(c) + " but the node's " + annotation + " says "
                + ByteSize.ofBytes(own.getAsLong()), "check that csi-provisioner polls capacity"
                + " (--capacity-poll-interval) and that lvmd runs on the node"));
    }

    private List<Finding> pendingClaims() {
        List<Finding> findings = new ArrayList<>();
        for (PersistentVolumeClaim pvc : facts.claims()) {
            if (!"Pending".equals(pvc.getStatus() == null ? null : pvc.getStatus().getPhase())) {
                continue;
            }
            String subject = pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName();
            Optional<Pod> user = userOf(pvc);
            pendingReason(pvc, user).ifPresentOrElse(
                    reason -> findings.add(Finding.fail("CARVE-PVC-PENDING", subject, "PVC " + subject
                            + " is Pending: " + reason, remedyFor(reason))),
                    () -> user.ifPresent(pod -> findings.add(Finding.warn("CARVE-PVC-PENDING", subject, "PVC "
                            + subject + " used by pod " + pod.getMetadata().getName() + " is Pending for a reason"
                            + " not visible in the API objects", "kubectl describe pvc and the driver's logs"))));
        }
        return findings;
    }

    private Optional<String> pendingReason(PersistentVolumeClaim pvc, Optional<Pod> user) {
        Map<String, String> annotations = pvc.getMetadata().getAnnotations();
        String selected = annotations == null ? null : annotations.get(SELECTED_NODE);
        if (selected != null && !nodes.containsKey(selected)) {
            return Optional.of("its selected-node " + selected + " is gone");
        }
        StorageClass c = classes.get(pvc.getSpec().getStorageClassName());
        if (selected == null && user.isPresent() && user.get().getSpec().getNodeName() != null && c != null
                && WFFC.equals(c.getVolumeBindingMode())) {
            return Optional.of("pod " + user.get().getMetadata().getName() + " is pinned with spec.nodeName "
                    + user.get().getSpec().getNodeName() + ", which bypasses the scheduler, so WaitForFirstConsumer"
                    + " never picks a node for the claim (kubernetes#89953)");
        }
        if (c != null && tracksCapacity(c) && user.isPresent()) {
            long request = request(pvc);
            boolean room = facts.capacities().stream().anyMatch(cap -> name(c).equals(cap.getStorageClassName())
                    && Reads.bytes(cap.getCapacity()).orElse(0) >= request);
            if (!room) {
                return Optional.of("no node in its topology has " + ByteSize.ofBytes(request) + " of capacity for class "
                        + name(c));
            }
        }
        return Optional.empty();
    }

    private List<Finding> jointNoFit() {
        List<Finding> findings = new ArrayList<>();
        for (Pod pod : facts.pods()) {
            if (!"Pending".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())
                    || pod.getSpec().getNodeName() != null) {
                continue;
            }
            JointFit.check(pod, pendingClaimsOf(pod), classes, facts.capacities()).ifPresent(findings::add);
        }
        return findings;
    }

    private List<Finding> unreplicatedOnRaid0() {
        List<Finding> findings = new ArrayList<>();
        for (StatefulSet sts : facts.statefulSets()) {
            Set<String> raid0 = new HashSet<>();
            sts.getSpec().getVolumeClaimTemplates().forEach(t -> {
                StorageClass c = classes.get(t.getSpec().getStorageClassName());
                if (c != null && markedRaid0(c.getMetadata())) {
                    raid0.add(name(c));
                }
            });
            claimsOf(sts).filter(pvc -> markedRaid0(pvc.getMetadata()))
                    .forEach(pvc -> raid0.add(pvc.getMetadata().getName()));
            int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
            Set<String> podNodes = nodesOfPods(sts);
            if (!raid0.isEmpty() && replicas > 0 && (replicas == 1 || replicas > 1 && podNodes.size() == 1
                    && podsOf(sts) == replicas)) {
                String subject = sts.getMetadata().getNamespace() + "/" + sts.getMetadata().getName();
                findings.add(Finding.warn("CARVE-UNREPLICATED-ON-RAID0", subject, "StatefulSet " + subject + " keeps"
                        + (replicas == 1 ? " its only replica" : " all " + replicas + " replicas on one node")
                        + " on RAID-0 storage (" + String.join(", ", raid0) + "): one failed disk loses the data",
                        "run replicas on other nodes, back the data up, or use a class without striping"));
            }
        }
        return findings;
    }

    private static boolean markedRaid0(ObjectMeta metadata) {
        return metadata.getAnnotations() != null && "true".equals(metadata.getAnnotations().get(RAID0_ANNOTATION));
    }

    /** The claims Kubernetes made from the StatefulSet's templates: {@code <template>-<name>-<ordinal>}. */
    private Stream<PersistentVolumeClaim> claimsOf(StatefulSet sts) {
        List<String> prefixes = sts.getSpec().getVolumeClaimTemplates().stream()
                .map(t -> t.getMetadata().getName() + "-" + sts.getMetadata().getName() + "-").toList();
        return facts.claims().stream().filter(c -> sts.getMetadata().getNamespace().equals(c.getMetadata().getNamespace())
                && prefixes.stream().anyMatch(prefix -> c.getMetadata().getName().startsWith(prefix)
                        && c.getMetadata().getName().substring(prefix.length()).matches("[0-9]+")));
    }

    private Set<String> nodesOfPods(StatefulSet sts) {
        Set<String> result = new HashSet<>();
        ownedPods(sts).forEach(p -> result.add(p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName()));
        return result;
    }

    private long podsOf(StatefulSet sts) {
        return ownedPods(sts).count();
    }

    private Stream<Pod> ownedPods(StatefulSet sts) {
        String prefix = sts.getMetadata().getName() + "-";
        return facts.pods().stream().filter(p -> sts.getMetadata().getNamespace().equals(p.getMetadata().getNamespace())
                && p.getMetadata().getName().startsWith(prefix)
                && p.getMetadata().getName().substring(prefix.length()).matches("[0-9]+"));
    }

    private List<PersistentVolumeClaim> pendingClaimsOf(Pod pod) {
        List<PersistentVolumeClaim> result = new ArrayList<>();
        for (Volume v : pod.getSpec().getVolumes()) {
            if (v.getPersistentVolumeClaim() == null) {
                continue;
            }
            facts.claims().stream().filter(c -> pod.getMetadata().getNamespace().equals(c.getMetadata().getNamespace())
                    && c.getMetadata().getName().equals(v.getPersistentVolumeClaim().getClaimName())
                    && "Pending".equals(c.getStatus() == null ? null : c.getStatus().getPhase()))
                    .findFirst().ifPresent(result::add);
        }
        return result;
    }

    private Optional<Pod> userOf(PersistentVolumeClaim pvc) {
        return facts.pods().stream().filter(p -> pvc.getMetadata().getNamespace().equals(p.getMetadata().getNamespace())
                && p.getSpec().getVolumes().stream().anyMatch(v -> v.getPersistentVolumeClaim() != null
                && pvc.getMetadata().getName().equals(v.getPersistentVolumeClaim().getClaimName()))).findFirst();
    }

    private boolean tracksCapacity(StorageClass c) {
        if (!WFFC.equals(c.getVolumeBindingMode())) {
            return false;
        }
        return facts.drivers().stream().anyMatch(d -> d.getMetadata().getName().equals(c.getProvisioner())
                && d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getStorageCapacity()));
    }

    private static Optional<String> topologyKey(CSINode node, String driver) {
        return node.getSpec().getDrivers().stream().filter(d -> driver.equals(d.getName())).findFirst()
                .map(d -> d.getTopologyKeys() == null || d.getTopologyKeys().isEmpty()
                        ? KNOWN_KEYS.getOrDefault(driver, "kubernetes.io/hostname") : d.getTopologyKeys().get(0));
    }

    static long request(PersistentVolumeClaim pvc) {
        var requests = pvc.getSpec().getResources() == null ? null : pvc.getSpec().getResources().getRequests();
        return requests == null ? 0 : Reads.bytes(requests.get("storage")).orElse(0);
    }

    private static String remedyFor(String reason) {
        if (reason.contains("is gone")) {
            return "remove the volume.kubernetes.io/selected-node annotation so the scheduler picks again";
        }
        if (reason.contains("spec.nodeName")) {
            return "use nodeSelector or node affinity instead of spec.nodeName";
        }
        return "free or add capacity on a node the class may use, or request less";
    }

    private static String name(StorageClass c) {
        return c.getMetadata().getName();
    }
}
