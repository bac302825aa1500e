package dev.gantry.k8s;

import dev.gantry.core.GantryException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A call to the Kubernetes API that failed, with a message that says what Gantry was doing, what
 * the API server answered and what to try next.
 *
 * <p>Every fabric8 {@link KubernetesClientException} is translated into this type at Gantry's
 * boundary, with the original kept as the cause:
 *
 * <pre>{@code
 * try {
 *     client.storage().v1().storageClasses().resource(sc).create();
 * } catch (KubernetesClientException e) {
 *     throw KubernetesApiException.from("create StorageClass " + name, e);
 * }
 * }</pre>
 */
public class KubernetesApiException extends GantryException {

    private static final long serialVersionUID = 1L;

    private final String action;
    private final int httpStatus;

    private KubernetesApiException(String action, int httpStatus, String message, KubernetesClientException cause) {
        super(message, cause);
        this.action = action;
        this.httpStatus = httpStatus;
    }

    /**
     * Translates a fabric8 exception.
     *
     * @param action what Gantry was doing, e.g. {@code "create StorageClass gantry-lvm"}
     * @param cause the exception fabric8 threw
     * @return the translated exception, to be thrown by the caller
     */
    public static KubernetesApiException from(String action, KubernetesClientException cause) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(cause, "cause");
        int code = cause.getCode();
        String message = action + " failed: " + answer(cause) + target(cause) + ". " + remedy(code);
        return new KubernetesApiException(action, code, message, cause);
    }

    /**
     * Returns what Gantry was doing when the call failed.
     *
     * @return the action, e.g. {@code control-plane audit: list nodes}
     */
    public String action() {
        return action;
    }

    /**
     * Returns the HTTP status the API server answered with.
     *
     * @return the status; empty when no answer arrived
     */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    private static String answer(KubernetesClientException cause) {
        if (cause.getCode() <= 0) {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "no answer from the API server (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        io.fabric8.kubernetes.api.model.Status status = cause.getStatus();
        String reason = status == null || status.getReason() == null ? "" : " " + status.getReason();
        String detail = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
        return "HTTP " + cause.getCode() + reason + detail;
    }

    private static String target(KubernetesClientException cause) {
        if (cause.getFullResourceName() == null) {
            return "";
        }
        String name = cause.getName() == null ? "" : " " + cause.getName();
        String namespace = cause.getNamespace() == null ? "" : " in namespace " + cause.getNamespace();
        return " (" + cause.getFullResourceName() + name + namespace + ")";
    }

    static String remedy(int code) {
        switch (code) {
            case 401:
                return "The credentials were rejected: refresh the kubeconfig's token or client certificate.";
            case 403:
                return "The identity lacks RBAC permission: check with 'kubectl auth can-i <verb> <resource>'"
                        + " and grant it through a Role or ClusterRole.";
            case 404:
                return "Check the name and namespace, and that the API group (or CRD) is installed.";
            case 409:
                return "The object already exists or changed since it was read: read it again and retry.";
            case 422:
                return "The API server rejected the object as invalid: fix the fields it names.";
            case 429:
                return "The API server is throttling requests: retry later with backoff.";
            default:
                if (code <= 0) {
                    return "Check the kubeconfig's server URL, the network path and TLS settings.";
                }
                return code >= 500
                        ? "The API server failed: check its health (/readyz) and retry."
                        : "See the API server's answer above.";
        }
    }
}
