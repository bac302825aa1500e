package dev.gantry.core.etcd;

import dev.gantry.core.exec.Host;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One planned member of an etcd cluster, to provision: its name, the host it runs on, its client and peer
 * ports and its data directory. Several members may share a host when their ports and data
 * directories differ (a lab on {@code 127.0.0.1}). A member as a running cluster reports it is an
 * {@link EtcdMember}.
 *
 * <pre>{@code
 * EtcdMemberSpec e1 = EtcdMemberSpec.of("e1", Host.of(machine), 2379, 2380, "/var/lib/etcd");
 * e1.clientUrl();   // http://10.0.9.1:2379
 * }</pre>
 *
 * @param name the member name ({@code --name}): letters, digits, {@code . _ -}
 * @param host where it runs; its address is the one clients and peers use
 * @param clientPort the client port, 1 to 65535
 * @param peerPort the peer port, 1 to 65535, different from the client port
 * @param dataDir the absolute data directory on the host
 */
public record EtcdMemberSpec(String name, Host host, int clientPort, int peerPort, String dataDir) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Validates every field. */
    public EtcdMemberSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("etcd member name must be letters, digits, '.', '_' or '-', got '"
                    + name + "'");
        }
        checkPort(name, "clientPort", clientPort);
        checkPort(name, "peerPort", peerPort);
        if (clientPort == peerPort) {
            throw new IllegalArgumentException("etcd member " + name + " uses port " + clientPort + " for clients and peers");
        }
        if (!dataDir.startsWith("/") || dataDir.length() < 2) {
            throw new IllegalArgumentException("etcd member " + name + " needs an absolute data directory, got '"
                    + dataDir + "'");
        }
    }

    /**
     * Creates a planned member.
     *
     * @param name the member name
     * @param host where it runs
     * @param clientPort the client port
     * @param peerPort the peer port
     * @param dataDir the absolute data directory
     * @return the member
     */
    public static EtcdMemberSpec of(String name, Host host, int clientPort, int peerPort, String dataDir) {
        return new EtcdMemberSpec(name, host, clientPort, peerPort, dataDir);
    }

    /**
     * Returns the URL clients use, {@code http://<address>:<clientPort>}.
     *
     * @return the client URL
     */
    public String clientUrl() {
        return "http://" + host.address() + ":" + clientPort;
    }

    /**
     * Returns the URL peers use, {@code http://<address>:<peerPort>}.
     *
     * @return the peer URL
     */
    public String peerUrl() {
        return "http://" + host.address() + ":" + peerPort;
    }

    private static void checkPort(String name, String field, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("etcd member " + name + ": " + field + " " + port
                    + " is out of range (expected 1..65535)");
        }
    }
}
