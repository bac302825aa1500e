package dev.gantry.core;

import dev.gantry.core.internal.Syntax;
import java.util.Objects;

/**
 * How Gantry logs in to a machine over SSH: the remote user and the port.
 *
 * <p>Defaults ({@link #ofDefaults()}): user {@code root}, port {@code 22}. Anything else (identity
 * files, jump hosts, known-hosts policy) comes from the user's own {@code ~/.ssh/config}.
 *
 * <pre>{@code
 * SshAccess ssh = SshAccess.of("ubuntu", 2222);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param user the login name; letters, digits, '.', '_' or '-', not starting with '-' or '.'
 * @param port the TCP port, 1 to 65535
 */
public record SshAccess(String user, int port) {

    /** The user of {@link #ofDefaults()}. */
    public static final String DEFAULT_USER = "root";

    /** The port of {@link #ofDefaults()}. */
    public static final int DEFAULT_PORT = 22;

    /**
     * Validates the user name and the port.
     *
     * @throws IllegalArgumentException when the user name is not a valid login name or the port is
     *     outside 1..65535
     */
    public SshAccess {
        Syntax.sshUser(Objects.requireNonNull(user, "user"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ssh port " + port + " is out of range (expected 1..65535)");
        }
    }

    /**
     * Returns the default access: user {@code root} on port {@code 22}.
     *
     * @return the default access
     */
    public static SshAccess ofDefaults() {
        return new SshAccess(DEFAULT_USER, DEFAULT_PORT);
    }

    /**
     * Returns access as the given user on the given port.
     *
     * @param user the login name
     * @param port the TCP port, 1 to 65535
     * @return the access
     */
    public static SshAccess of(String user, int port) {
        return new SshAccess(user, port);
    }
}
