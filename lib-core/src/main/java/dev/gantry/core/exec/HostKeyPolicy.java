package dev.gantry.core.exec;

/**
 * What {@link OpenSshExecutor} does with a host key it does not know, as ssh's
 * {@code StrictHostKeyChecking} option. Which file holds the known keys is set separately with
 * {@link OpenSshExecutor.Builder#knownHostsFile}.
 */
public enum HostKeyPolicy {

    /** Refuse hosts whose key is not already known ({@code StrictHostKeyChecking=yes}); the default. */
    STRICT,

    /**
     * Trust and record the key of a host seen for the first time, refuse a changed key
     * ({@code StrictHostKeyChecking=accept-new}). For freshly created machines.
     */
    ACCEPT_NEW,

    /** Pass no option: the user's {@code ~/.ssh/config} (or ssh's default, ask) decides. */
    FROM_CONFIG
}
