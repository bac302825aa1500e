package dev.gantry.core.controlplane;

import java.util.Objects;

/**
 * One file that a plan wants written on one host, such as a kubeadm configuration or an HAProxy
 * configuration.
 *
 * <p>Some artifacts hold join secrets (kubeadm and k3s configurations carry the token, kubeadm's
 * also the certificate key); those have mode {@code 0600}. {@link #toString()} therefore never
 * shows the content, only where it goes and how long it is.
 *
 * <pre>{@code
 * plan.artifacts().forEach(System.out::println);
 * // Artifact[host=cp-1, path=/etc/kubernetes/gantry/kubeadm-init.yaml, mode=0600, 1043 characters]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the inventory name of the machine the file belongs on, e.g. {@code cp-1}
 * @param path the absolute path on that machine
 * @param content the file's text
 * @param mode the Unix permission bits, e.g. {@code 0600}
 */
public record Artifact(String host, String path, String content, int mode) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when the host is blank, the path is not absolute or the mode
     *     is not within {@code 0..0777}
     */
    public Artifact {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..")) {
            throw new IllegalArgumentException("path must be absolute without '..' but was '" + path + "'");
        }
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("mode must be within 0..0777 but was " + Integer.toOctalString(mode));
        }
    }

    /**
     * Returns the mode as four octal digits.
     *
     * @return e.g. {@code 0600}
     */
    public String modeOctal() {
        return String.format("%04o", mode);
    }

    /**
     * Describes the file without its content.
     *
     * @return where the file goes, its mode and its length; never its content
     */
    @Override
    public String toString() {
        return "Artifact[host=" + host + ", path=" + path + ", mode=" + modeOctal() + ", " + content.length()
                + " characters]";
    }
}
