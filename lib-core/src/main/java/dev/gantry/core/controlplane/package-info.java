/**
 * Planning highly available Kubernetes control planes: {@link
 * dev.gantry.core.controlplane.ControlPlanePlanner#plan ControlPlanePlanner.plan(inventory, spec,
 * policy)} checks the topology against an {@link dev.gantry.core.controlplane.HaPolicy} and renders
 * the files each host needs (kubeadm, k3s, external etcd, HAProxy and keepalived) as {@link
 * dev.gantry.core.controlplane.Artifact}s.
 *
 * <p>The HA rules about a control plane's shape (quorum, failure domains, endpoint) are one set,
 * {@link dev.gantry.core.controlplane.HaRules}, over a {@link
 * dev.gantry.core.controlplane.ControlPlaneShape}: the planner builds the shape from an inventory
 * and a spec, the live audit in {@code dev.gantry.k8s.controlplane} from what the API server shows,
 * so both give the same findings for the same shape. The API endpoint is an {@link
 * dev.gantry.core.controlplane.ApiEndpoint}.
 */
package dev.gantry.core.controlplane;
