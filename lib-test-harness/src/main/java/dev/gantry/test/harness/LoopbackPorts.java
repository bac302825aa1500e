package dev.gantry.test.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out free TCP ports on {@code 127.0.0.1} for the programs a test starts.
 *
 * <p>Each port comes from the operating system (a socket bound to port 0 with
 * {@code SO_REUSEADDR} off, then closed). The class remembers every port it handed out, so one
 * JVM never hands out the same port twice, even to tests running in parallel; that memory is the
 * one piece of JVM-wide state here, on purpose. Another process can still take a port between
 * its allocation and its use; start the program soon after allocating.
 *
 * <pre>{@code
 * List<Integer> ports = LoopbackPorts.allocate(2);
 * int client = ports.get(0);
 * int peer = ports.get(1);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LoopbackPorts {

    /** The address every allocated port is free on. */
    public static final String HOST = "127.0.0.1";

    private static final int MAX_ATTEMPTS_PER_PORT = 100;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {}

    /**
     * Allocates one free port.
     *
     * @return a port between 1 and 65535 never handed out before in this JVM
     */
    public static int allocate() {
        return allocate(1).get(0);
    }

    /**
     * Allocates several distinct free ports at once.
     *
     * @param count how many ports, at least 1
     * @return {@code count} distinct ports never handed out before in this JVM
     * @throws IllegalArgumentException when {@code count} is less than 1
     * @throws IllegalStateException when the operating system keeps offering ports already used
     */
    public static List<Integer> allocate(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        // All sockets stay bound until every port is found, so the OS cannot offer one port twice.
        List<ServerSocket> bound = new ArrayList<>();
        List<Integer> ports = new ArrayList<>(count);
        try {
            int attempts = 0;
            while (ports.size() < count) {
                if (++attempts > MAX_ATTEMPTS_PER_PORT * count) {
                    throw new IllegalStateException("no fresh loopback port after " + (attempts - 1)
                            + " attempts; " + HANDED_OUT.size() + " ports handed out so far in this JVM");
                }
                ServerSocket socket = bindEphemeral();
                bound.add(socket);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
            return List.copyOf(ports);
        } finally {
            bound.forEach(LoopbackPorts::closeQuietly);
        }
    }

    private static ServerSocket bindEphemeral() {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 1);
            return socket;
        } catch (IOException e) {
            if (socket != null) {
                closeQuietly(socket);
            }
            throw new UncheckedIOException("cannot bind a TCP port on " + HOST, e);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // The port was only probed; a failed close leaves nothing to clean up.
        }
    }
}
