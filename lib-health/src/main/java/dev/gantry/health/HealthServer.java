package dev.gantry.health;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.core.GantryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HTTP endpoint of a {@link HealthService}, for load balancers, kubelets, Prometheus
 * and test harnesses. Built on the JDK's {@code com.sun.net.httpserver}; no server dependency.
 *
 * <table>
 *   <caption>Endpoints (GET and HEAD; other methods get 405 with {@code Allow: GET, HEAD})</caption>
 *   <tr><th>path</th><th>200</th><th>503</th></tr>
 *   <tr><td>{@code /healthcheck}, {@code /readyz}</td><td>every readiness check is UP or
 *       DEGRADED</td><td>one is DOWN, UNKNOWN or stale</td></tr>
 *   <tr><td>{@code /livez}</td><td>the evaluator is ticking and no liveness check is down;
 *       never fails because a node syncs</td><td>the evaluator is wedged or a liveness check
 *       is down</td></tr>
 *   <tr><td>{@code /healthcheck/{check}}</td><td>that check is ready</td><td>it is not; 404
 *       for an unknown check</td></tr>
 *   <tr><td>{@code /metrics}</td><td>always: Prometheus text format 0.0.4</td><td></td></tr>
 * </table>
 *
 * <p>Bodies are JSON, or with {@code ?verbose} plain text in the Kubernetes API server's style
 * ({@code [+]node ok}, {@code [-]node failed: reason SYNC-LAGGING}). Only statuses, times,
 * reason codes and numeric or boolean details are served, never a check's message. Every answer
 * carries {@code Cache-Control: no-store}; health answers carry {@code X-Node-Height} and
 * {@code X-Node-Lag} when a check reports them, and a 503 carries {@code Retry-After} when every
 * failing check gives {@link CheckResult#RETRY_AFTER_SECONDS}.
 *
 * <p>Requests only read the service's latest snapshot, so a slow node never slows the endpoint.
 * They run on a fixed pool of {@value #THREADS} daemon threads with a queue of {@value #QUEUE}
 * connections; beyond that a connection is closed at once. Request bodies are never read. The
 * JDK server's own limits are JVM-wide system properties, read once when the first JDK HTTP
 * server of the process starts; this class sets them only if they are unset:
 * {@code sun.net.httpserver.maxReqTime=10} (seconds to send a whole request head, which closes
 * slowloris connections), {@code sun.net.httpserver.maxRspTime=10},
 * {@code sun.net.httpserver.maxReqHeaders=64}, {@code sun.net.httpserver.idleInterval=30}
 * (seconds an idle keep-alive connection is kept) and {@code sun.net.httpserver.nodelay=true}
 * (without it, headers and body sent as two packets wait for the client's delayed ACK, about
 * 40 ms per answer on Linux). Set them with {@code -D} to change them, or
 * when another JDK HTTP server starts first in the same JVM.
 *
 * <pre>{@code
 * try (HealthService health = HealthService.builder().readiness("node", syncCheck).build().start();
 *      HealthServer server = HealthServer.start(health, 8080)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. The server owns its threads and its socket until {@link #close()}; it does
 * not close the service.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);

    /** Threads that answer requests. */
    static final int THREADS = 4;
    /** Connections with a request waiting for a thread before new ones are refused. */
    static final int QUEUE = 256;
    private static final int BACKLOG = 128;

    /** JDK server limits set when unset; see the class comment. */
    static final Map<String, String> SERVER_LIMITS = Map.of(
            "sun.net.httpserver.maxReqTime", "10",
            "sun.net.httpserver.maxRspTime", "10",
            "sun.net.httpserver.maxReqHeaders", "64",
            "sun.net.httpserver.idleInterval", "30",
            "sun.net.httpserver.nodelay", "true");

    private final HttpServer server;
    private final ThreadPoolExecutor threads;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HealthServer(HttpServer server, ThreadPoolExecutor threads) {
        this.server = server;
        this.threads = threads;
        this.address = server.getAddress(); // the JDK server forgets it once stopped
    }

    /**
     * Serves the service's health on all interfaces, like Spring Boot's management port.
     *
     * @param service the service whose snapshots are served; should be started
     * @param port the TCP port, or 0 for an ephemeral one (see {@link #port()})
     * @return the running server
     * @throws GantryException when the port cannot be bound, e.g. because it is in use
     */
    public static HealthServer start(HealthService service, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        return start(service, new InetSocketAddress(port));
    }

    /**
     * Serves the service's health on one address, e.g. {@code 127.0.0.1:0} in tests.
     *
     * @param service the service whose snapshots are served; should be started
     * @param address the address and port; port 0 picks an ephemeral one
     * @return the running server
     * @throws GantryException when the address cannot be bound
     */
    public static HealthServer start(HealthService service, InetSocketAddress address) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address must be resolved but was " + address);
        }
        applyServerLimits();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), daemonThreads(), new ThreadPoolExecutor.AbortPolicy());
        HttpServer server;
        try {
            server = HttpServer.create(address, BACKLOG);
        } catch (IOException e) {
            threads.shutdownNow();
            throw new GantryException("cannot serve health on " + address + ": " + e.getMessage()
                    + " (is another process using the port?)", e);
        }
        server.setExecutor(threads);
        server.createContext("/", new HealthEndpoint(service));
        server.start();
        HealthServer started = new HealthServer(server, threads);
        log.info("serving health on {}", started.uri());
        return started;
    }

    /** Returns the bound port; the actual one when 0 was asked for. */
    public int port() {
        return address.getPort();
    }

    /** Returns the bound address and port. */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Sets the value.
     *
     * @return {@code http://host:port} of this server, with the loopback address as host when
     *     it listens on all interfaces
     */
    public URI uri() {
        InetAddress host = address().getAddress();
        String name = host.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
                : host.getHostAddress();
        try {
            return new URI("http", null, name, port(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot form a URI for " + address(), e);
        }
    }

    /**
     * Stops listening, closes open connections and ends the threads. Returns within about a
     * second; requests still in flight are cut off. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("stopped serving health on port {}", port());
    }

    @Override
    public String toString() {
        return "HealthServer[" + (closed.get() ? "closed " : "") + uri() + "]";
    }

    private static void applyServerLimits() {
        SERVER_LIMITS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "gantry-health-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
