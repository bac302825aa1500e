package dev.gantry.core.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.Inventory;
import dev.gantry.core.Report;
import dev.gantry.core.etcd.Quorum;
import dev.gantry.core.workflow.Workflow;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans a highly available control plane: checks an inventory and spec against a policy and
 * renders the files every host needs. Pure: it reads nothing and contacts nobody.
 *
 * <pre>{@code
 * Inventory inventory = Inventory.load(Path.of("inventory.yaml"));
 * ControlPlaneSpec spec = ControlPlaneSpec.kubeadm("k8s-api.prod.example.com");
 * ControlPlanePlan plan = ControlPlanePlanner.plan(inventory, spec, HaPolicy.ofDefaults());
 * System.out.println(plan.report().toMarkdown());
 * }</pre>
 *
 * <p>Findings (stable codes; each rule gives PASS when satisfied, failing ones carry a remedy):
 * first those of {@link HaRules}, which the live audit of {@code gantry-k8s} gives for the same
 * shape ({@code HA-QUORUM}, {@code HA-SPREAD}, {@code HA-ENDPOINT}, {@code HA-TOO-FEW-MEMBERS},
 * {@code HA-ETCD-MACHINES-UNUSED}, {@code HA-QUORUM-EVEN}, {@code HA-TOO-MANY-MEMBERS}, {@code
 * HA-ZONE-LOSS-BREAKS-QUORUM}, {@code HA-ENDPOINT-MISSING}, {@code HA-ENDPOINT-IS-NODE}), then
 * those only a spec can break: {@code HA-VIP-SPANS-SUBNETS} and {@code HA-LB-PORT-CLASH} (with a
 * VIP), {@code HA-SAN-MISSING} and {@code HA-JOIN-CA-UNPINNED} (kubeadm).
 *
 * <p>Artifacts: kubeadm {@code InitConfiguration}+{@code ClusterConfiguration} for the first
 * master and {@code JoinConfiguration} for the others and the workers, or k3s {@code config.yaml}
 * for every node; {@code /etc/etcd/etcd.env} for external etcd members; HAProxy and keepalived
 * configurations for every master when the spec has a VIP. Without control-plane machines nothing
 * is rendered. Missing join secrets are generated with
 * a {@link SecureRandom}, so two plans of one spec differ in them unless the spec gives them.
 * Stateless and thread-safe.
 */
public final class ControlPlanePlanner {

    private ControlPlanePlanner() {}

    /**
     * Plans a control plane.
     *
     * @param inventory the machines; {@code control-plane} ones become masters, {@code worker} ones
     *     workers, {@code etcd} ones external etcd members
     * @param spec what to build
     * @param policy the HA rules to check
     * @return the plan, whatever the findings (check {@code plan.report().ok()})
     */
    public static ControlPlanePlan plan(Inventory inventory, ControlPlaneSpec spec, HaPolicy policy) {
        return plan(inventory, spec, policy, Clock.systemUTC());
    }

    /** As {@link #plan(Inventory, ControlPlaneSpec, HaPolicy)}, with the clock its workflow's guards read. */
    static ControlPlanePlan plan(Inventory inventory, ControlPlaneSpec spec, HaPolicy policy, Clock clock) {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(policy, "policy");
        JoinSecrets secrets = JoinSecrets.resolve(spec, new SecureRandom());
        Topology t = Topology.of(inventory, spec, secrets);
        List<Finding> findings = new ArrayList<>(HaRules.of(policy).check(t.shape()).findings());
        findings.addAll(SpecRules.check(t));
        String title = "Control plane " + spec.clusterName()
                + " (" + spec.distribution().name().toLowerCase(Locale.ROOT)
                + ", " + spec.etcd().name().toLowerCase(Locale.ROOT) + " etcd)";
        Report report = Report.of(findings)
                .withTitle(title)
                .withDiagram(PlanDiagram.draw(t));
        Optional<Quorum> quorum = t.voters().isEmpty() ? Optional.empty() : Optional.of(Quorum.of(t.voters().size()));
        List<Artifact> artifacts = artifacts(t);
        Workflow workflow = Workflow.of(new ControlPlaneSteps(t, artifacts, clock).steps());
        return new ControlPlanePlan(spec, quorum, report, artifacts, secrets, workflow);
    }

    /** Renders nothing without a control-plane machine: there would be no cluster to join. */
    private static List<Artifact> artifacts(Topology t) {
        if (t.masters().isEmpty()) {
            return List.of();
        }
        List<Artifact> all = new ArrayList<>(t.spec().distribution() == Distribution.KUBEADM
                ? KubeadmRenderer.render(t)
                : K3sRenderer.render(t));
        all.addAll(HaproxyRenderer.render(t));
        all.addAll(KeepalivedRenderer.render(t));
        all.addAll(EtcdRenderer.render(t));
        return all;
    }
}
