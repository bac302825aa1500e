package dev.gantry.health.internal;

import dev.gantry.health.HttpEndpoint;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one place that builds OkHttp clients. Not part of Gantry's API; it may change in any release.
 *
 * <p>OkHttp asks for one shared client per process ("OkHttp performs best when you create a single
 * {@code OkHttpClient} instance and reuse it", {@code OkHttpClient}'s documentation): every client
 * here is derived from one immutable root with {@link OkHttpClient#newBuilder()}, so all of them
 * share one connection pool and one dispatcher. Only synchronous calls are made, so the dispatcher
 * never starts threads; the pool's cleanup runs on OkHttp's own process-wide task runner (daemon
 * threads that end by themselves a minute after the last pooled connection is gone). Nothing here
 * may shut the shared pool or dispatcher down. Thread-safe.
 */
public final class HttpClients {

    private static final OkHttpClient ROOT = new OkHttpClient.Builder()
            .followRedirects(false)
            .followSslRedirects(false)
            .build();

    private HttpClients() {
    }

    /**
     * Returns the root client every other client here derives from.
     *
     * @return the shared root client
     */
    public static OkHttpClient root() {
        return ROOT;
    }

    /**
     * Derives a client for one endpoint: its timeout on connect, read, write and the whole call,
     * its TLS settings, no redirects, and no retries but on a fresh connection when a pooled one
     * turns out to be closed by the server ({@link Connections}).
     *
     * @param endpoint where the client calls
     * @return a client sharing the root's connection pool and dispatcher
     */
    public static OkHttpClient forEndpoint(HttpEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        OkHttpClient.Builder builder = Connections.recoverClosedConnections(withTimeout(endpoint.timeout()));
        TlsContexts.apply(builder, endpoint.tls());
        return builder.build();
    }

    /**
     * Derives a client for health probes as a load balancer sends them: the timeout on every phase
     * and the whole call, no redirects, no retries (no connection is pooled, so none can have gone stale), and a new connection for every request (an
     * empty pool of its own; OkHttp's shared task runner cleans it), so that a node that stopped
     * listening shows as refused rather than hiding behind a pooled connection.
     *
     * @param timeout the time one probe may take
     * @return a client sharing the root's dispatcher
     */
    public static OkHttpClient forProbe(Duration timeout) {
        return withTimeout(timeout).retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    }

    private static OkHttpClient.Builder withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return ROOT.newBuilder()
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout);
    }
}
