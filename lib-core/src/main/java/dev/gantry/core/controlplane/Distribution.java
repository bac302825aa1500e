package dev.gantry.core.controlplane;

/**
 * The Kubernetes distribution whose bootstrap files a plan renders.
 *
 * <p>Thread-safe: enum constants are immutable.
 */
public enum Distribution {

    /** kubeadm with the {@code kubeadm.k8s.io/v1beta4} configuration API (Kubernetes 1.31 and later). */
    KUBEADM,

    /** k3s, configured through {@code /etc/rancher/k3s/config.yaml}. */
    K3S
}
