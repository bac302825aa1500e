/**
 * Everything in Gantry that talks to the Kubernetes API, through the fabric8 client with its
 * JDK HttpClient transport: control-plane provisioning, verification and audits, storage
 * discovery and volume carving.
 *
 * <p>Callers pass their own fabric8 {@code KubernetesClient}; Gantry never builds one from
 * ambient configuration behind the caller's back.
 */
package dev.gantry.k8s;
