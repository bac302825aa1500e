/**
 * Planning highly available Kubernetes control planes: {@link
 * dev.gantry.core.controlplane.ControlPlanePlanner#plan ControlPlanePlanner.plan(inventory, spec,
 * policy)} checks the topology against an {@link dev.gantry.core.controlplane.HaPolicy} (quorum,
 * failure domains, endpoint, VIP subnet, certificate names) and renders the files each host needs
 * (kubeadm, k3s, external etcd, HAProxy and keepalived) as {@link
 * dev.gantry.core.controlplane.Artifact}s.
 */
package dev.gantry.core.controlplane;
