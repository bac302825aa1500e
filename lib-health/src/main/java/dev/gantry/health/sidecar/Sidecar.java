package dev.gantry.health.sidecar;

import dev.gantry.core.ParseException;
import dev.gantry.health.HealthServer;
import dev.gantry.health.HealthService;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves {@code /healthcheck} for a node that has none: a {@code main} that reads the node's
 * sync state through a {@link dev.gantry.health.sync.SyncSource} and answers 200 while it is in
 * sync and 503 while it syncs, lags, stalls or cannot be read, with {@code /livez} staying 200.
 *
 * <pre>
 * RPC_PASSWORD=… java -cp &lt;classpath&gt; dev.gantry.health.sidecar.Sidecar --source bitcoin \
 *     --url http://127.0.0.1:18443 --rpc-user u --rpc-password-env RPC_PASSWORD \
 *     --listen 127.0.0.1:8080 --max-lag 2 --resume-lag 0 --interval 1s
 * </pre>
 *
 * <p>{@code --help} lists every flag. The node is one readiness check named {@code node} (a
 * {@link dev.gantry.health.sync.SyncCheck}) in a {@link HealthService}, served by a
 * {@link HealthServer}. The sidecar prints one startup line on stdout (no secrets), and stops
 * on SIGTERM or SIGINT within {@value #SHUTDOWN_BUDGET_SECONDS} seconds. Exit codes: 0 after
 * {@code --help}; {@value #EXIT_USAGE} for a bad command line, with one line on stderr naming
 * the flag; {@value #EXIT_FAILURE} when it cannot start (e.g. the address is taken); 143 after
 * SIGTERM, the JVM's code for a stop by that signal.
 */
public final class Sidecar implements AutoCloseable {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    static final int SHUTDOWN_BUDGET_SECONDS = 5;

    private final SidecarOptions options;
    private final HealthService service;
    private final HealthServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Sidecar(SidecarOptions options, HealthService service, HealthServer server) {
        this.options = options;
        this.service = service;
        this.server = server;
    }

    /**
     * Runs the sidecar until the JVM is stopped.
     *
     * @param args the flags; run with {@code --help} for the list
     */
    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (SidecarOptions.helpRequested(arguments)) {
            System.out.print(SidecarOptions.usage());
            return;
        }
        Sidecar sidecar;
        try {
            sidecar = start(SidecarOptions.parse(arguments, System.getenv()));
        } catch (ParseException e) {
            System.err.println(usageError(e));
            System.exit(EXIT_USAGE);
            return;
        } catch (RuntimeException e) {
            System.err.println(startError(e));
            System.exit(EXIT_FAILURE);
            return;
        }
        System.out.println(sidecar.startupLine());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sidecar.closeWithin(Duration.ofSeconds(SHUTDOWN_BUDGET_SECONDS));
            stopped.countDown();
        }, "gantry-sidecar-shutdown"));
        awaitStop(stopped);
    }

    /**
     * Starts serving: the health service begins reading the node at once, and the server listens
     * on {@link SidecarOptions#listen()}.
     *
     * @param options the parsed flags
     * @return the running sidecar; close it to stop
     */
    static Sidecar start(SidecarOptions options) {
        HealthService service = options.healthService().start();
        try {
            return new Sidecar(options, service, HealthServer.start(service, options.listen()));
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** Returns the base URI the endpoints are served under, e.g. {@code http://127.0.0.1:8080}. */
    URI uri() {
        return server.uri();
    }

    /** Returns the line printed at startup: where it serves and what it watches; no secrets. */
    String startupLine() {
        String where = server.address().getAddress().isAnyLocalAddress() ? " on all interfaces" : "";
        return "gantry sidecar: serving " + server.uri() + where + " (/healthcheck, /readyz, /livez, /metrics) for "
                + options.describe();
    }

    /** Stops serving and reading the node. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.close();
            } finally {
                service.close();
            }
        }
    }

    /** Closes on another thread and waits for it at most {@code budget}, so a shutdown hook never hangs. */
    void closeWithin(Duration budget) {
        Thread closer = new Thread(this::close, "gantry-sidecar-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(budget.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String usageError(ParseException e) {
        String problem = e.problem();
        return "sidecar: " + problem + (problem.contains("--help") ? "" : " (run with --help for every flag)");
    }

    static String startError(RuntimeException e) {
        String message = e.getMessage() != null ? e.getMessage()
                : e.getCause() != null ? e.getCause().toString() : e.getClass().getSimpleName();
        return ("sidecar: cannot start: " + message).replaceAll("[\\r\\n\\t]+", " ");
    }

    private static void awaitStop(CountDownLatch stopped) {
        // The main thread only waits for the shutdown hook; the server's threads do the work.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the endpoint's address and what it watches. */
    @Override
    public String toString() {
        return "Sidecar[" + server.uri() + ", " + options.describe() + "]";
    }
}
