/**
 * Auditing the control plane of a live cluster through the fabric8 client: {@link
 * dev.gantry.k8s.controlplane.ControlPlaneAudit#of ControlPlaneAudit.of(client)} reads nodes, pods,
 * EndpointSlices, ConfigMaps and leases with read-only calls, judges the control plane's shape with
 * the same {@link dev.gantry.core.controlplane.HaRules} the planner applies, and adds what only a
 * running cluster shows (nodes not Ready, stale API server endpoints, expired leader leases).
 */
package dev.gantry.k8s.controlplane;
