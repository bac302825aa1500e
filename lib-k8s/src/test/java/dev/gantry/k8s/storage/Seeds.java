package dev.gantry.k8s.storage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacityBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.List;
import java.util.Map;

/**
 * Seeds the fabric8 CRUD mock with objects shaped like a TopoLVM cluster's (chart defaults:
 * CSIDriver topolvm.io with storageCapacity true, CSIStorageCapacity in topolvm-system labelled by
 * csi-provisioner; storage research, section (e)). Creates are idempotent: on a loaded machine the
 * client may resend a POST whose answer timed out, which the mock then refuses with 409.
 */
final class Seeds {

    static final String TOPOLVM_KEY = "topology.topolvm.io/node";

    private final KubernetesClient client;

    Seeds(KubernetesClient client) {
        this.client = client;
    }

    void node(String name, String zone, Map<String, String> annotations) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("topology.kubernetes.io/zone", zone, "kubernetes.io/hostname", name))
                .withAnnotations(annotations).endMetadata().build()).createOr(NonDeletingOperation::update);
    }

    void topolvmDriver() {
        client.storage().v1().csiDrivers().resource(new CSIDriverBuilder().withNewMetadata().withName("topolvm.io")
                .endMetadata().withNewSpec().withStorageCapacity(true).endSpec().build()).createOr(NonDeletingOperation::update);
    }

    void csiNode(String node) {
        client.storage().v1().csiNodes().resource(new CSINodeBuilder().withNewMetadata().withName(node).endMetadata()
                .withNewSpec().addNewDriver().withName("topolvm.io").withNodeID(node).withTopologyKeys(TOPOLVM_KEY)
                .endDriver().endSpec().build()).createOr(NonDeletingOperation::update);
    }

    void storageClass(String name, String provisioner, String mode, Map<String, String> annotations) {
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName(name)
                .withAnnotations(annotations).endMetadata().withProvisioner(provisioner)
                .withParameters(Map.of("topolvm.io/device-class", "ssd")).withVolumeBindingMode(mode).build()).createOr(NonDeletingOperation::update);
    }

    void capacity(String name, String storageClass, String node, String capacity) {
        client.storage().v1().csiStorageCapacities().inNamespace("topolvm-system").resource(
                new CSIStorageCapacityBuilder().withNewMetadata().withName(name).withNamespace("topolvm-system")
                        .addToLabels("csi.storage.k8s.io/drivername", "topolvm.io").endMetadata()
                        .withStorageClassName(storageClass)
                        .withNewNodeTopology().addToMatchLabels(TOPOLVM_KEY, node).endNodeTopology()
                        .withCapacity(new Quantity(capacity)).build()).createOr(NonDeletingOperation::update);
    }

    void pendingClaim(String ns, String name, String storageClass, String size, Map<String, String> annotations) {
        client.persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName(name).withNamespace(ns).withAnnotations(annotations).endMetadata().withNewSpec()
                .withStorageClassName(storageClass).withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity(size)).endResources().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build()).createOr(NonDeletingOperation::update);
    }

    void pod(String ns, String name, String nodeName, String phase, List<String> claims) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withNodeName(nodeName).addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().withNewStatus().withPhase(phase).endStatus();
        for (String claim : claims) {
            pod.editSpec().addNewVolume().withName(claim).withNewPersistentVolumeClaim().withClaimName(claim)
                    .endPersistentVolumeClaim().endVolume().endSpec();
        }
        client.pods().inNamespace(ns).resource(pod.build()).createOr(NonDeletingOperation::update);
    }

    void statefulSet(String ns, String name, int replicas, String storageClass) {
        client.apps().statefulSets().inNamespace(ns).resource(new StatefulSetBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withNewSpec().withReplicas(replicas).addNewVolumeClaimTemplate()
                .withNewMetadata().withName("data").endMetadata().withNewSpec().withStorageClassName(storageClass)
                .endSpec().endVolumeClaimTemplate().endSpec().build()).createOr(NonDeletingOperation::update);
    }

    void lvmNode(String node, List<Map<String, Object>> volumeGroups) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion("local.openebs.io/v1alpha1")
                .withKind("LVMNode").withNewMetadata().withName(node).withNamespace("openebs").endMetadata().build();
        r.getAdditionalProperties().put("volumeGroups", volumeGroups);
        client.genericKubernetesResources(StorageDiscovery.LVM_NODES).inNamespace("openebs").resource(r).createOr(NonDeletingOperation::update);
    }
}
