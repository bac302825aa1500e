package dev.gantry.core.exec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what the OpenSSH client printed on stderr when it exited 255 and tells the user where to
 * look: the connection-reuse socket, the host key, the key's authorisation or the network. Checked
 * in that order, because a failed socket is the real cause even when other lines follow it.
 * Messages as printed by OpenSSH 9 ({@code ssh.c}, {@code mux.c}, {@code misc.c},
 * {@code sshconnect.c}).
 */
final class SshDiagnosis {

    /** What ssh failed at, with the advice that goes with it. */
    enum Cause {
        CONTROL_SOCKET,
        HOST_KEY,
        KEY_REFUSED,
        NETWORK,
        UNKNOWN
    }

    private static final List<String> CONTROL_SOCKET = List.of("unix_listener:", "too long for unix domain socket",
            "controlpath too long", "muxserver_listen");
    private static final List<String> HOST_KEY = List.of("host key verification failed",
            "remote host identification has changed", "host key is known", "host key for", "no matching host key");
    private static final List<String> KEY_REFUSED = List.of("permission denied (", "too many authentication failures",
            "no more authentication methods");
    private static final List<String> NETWORK = List.of("connection refused", "connection timed out",
            "no route to host", "could not resolve hostname", "network is unreachable", "name or service not known",
            "connection closed by", "connection reset", "kex_exchange_identification", "operation timed out");

    private SshDiagnosis() {}

    /** The first cause whose message appears in {@code stderr}, case-insensitively. */
    static Cause cause(String stderr) {
        String text = stderr.toLowerCase(Locale.ROOT);
        if (matches(text, CONTROL_SOCKET)) {
            return Cause.CONTROL_SOCKET;
        }
        if (matches(text, HOST_KEY)) {
            return Cause.HOST_KEY;
        }
        if (matches(text, KEY_REFUSED)) {
            return Cause.KEY_REFUSED;
        }
        return matches(text, NETWORK) ? Cause.NETWORK : Cause.UNKNOWN;
    }

    /**
     * The advice for an ssh failure, to follow ssh's own message.
     *
     * @param stderr what ssh printed
     * @param controlPath the ControlPath given to ssh, empty when connection reuse was off
     * @param policy the host-key policy in force
     * @param user the login user
     */
    static String hint(String stderr, Optional<String> controlPath, HostKeyPolicy policy, String user) {
        return switch (cause(stderr)) {
            case CONTROL_SOCKET -> "ssh could not create its connection-reuse socket (ControlPath "
                    + controlPath.orElse("from the ssh config") + "): its directory must exist, be writable and "
                    + "not open to others (0700), and the path must be shorter than "
                    + (ControlSockets.MAX_SOCKET_PATH + 1)
                    + " bytes; pick another with connectionReuse(...) or turn reuse off with "
                    + "withoutConnectionReuse(). The host itself was not the problem";
            case HOST_KEY -> "the host key is unknown or changed: check the known-hosts file and the host-key "
                    + "policy (" + policy + ")";
            case KEY_REFUSED -> "the server refused every key offered: check that the key is authorised for "
                    + user + " on the host and that the identity file or agent holds it";
            case NETWORK -> "check the address, the port and that sshd runs and is reachable there";
            case UNKNOWN -> "check the address, the host key (" + policy + ") and that the key is authorised";
        };
    }

    private static boolean matches(String text, List<String> needles) {
        return needles.stream().anyMatch(text::contains);
    }
}
