/**
 * The sidecar: a {@code main} that serves {@code /healthcheck} (200 when in sync, 503 while
 * syncing or lagging) and {@code /livez} for a node that has no such endpoint of its own.
 *
 * <p>Run {@code java -cp <classpath> dev.gantry.health.sidecar.Sidecar --help} for its flags;
 * {@code docs/health-sidecar.md} shows it in front of each node family, under systemd and as a
 * Kubernetes sidecar container.
 */
package dev.gantry.health.sidecar;
