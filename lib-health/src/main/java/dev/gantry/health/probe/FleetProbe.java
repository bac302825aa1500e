package dev.gantry.health.probe;

import dev.gantry.core.GantryException;
import dev.gantry.core.internal.Checks;
import dev.gantry.health.internal.HttpClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes many health endpoints at once, for runbooks and test harnesses: one request per URL, at
 * most {@link Builder#concurrency(int) concurrency} in flight, each bounded by a {@link
 * Builder#timeout(Duration) timeout}, and a {@link FleetReport} with the status, latency and reason
 * per node.
 *
 * <pre>{@code
 * try (FleetProbe probe = FleetProbe.builder().concurrency(32).timeout(Duration.ofSeconds(1)).build()) {
 *     probe.probe(urls).report().print();                        // one finding per node
 *     probe.awaitHealthy(urls, Duration.ofMinutes(2));            // harness: wait until all answer 200
 * }
 * }</pre>
 *
 * <p>A node's failure is a result, never an exception: connection refused, a timeout, a TLS error
 * or an answer that is not HTTP all become an unhealthy {@link NodeProbe} with status code {@code
 * 0}. Redirects are not followed (a 3xx is reported as such, as load balancers do), and each
 * request uses a new connection, as a load balancer's health check does, so a node that stopped
 * listening shows as refused rather than hiding behind a pooled connection.
 *
 * <p><b>What counts as healthy.</b> By default only HTTP 200, the one status that every load
 * balancer accepts by default: an AWS ALB and a GCP health check accept only 200, while HAProxy's
 * {@code option httpchk}, an AWS NLB and Kubernetes probes accept 200-399. So a node this probe
 * calls healthy is routed to by all of them; one answering 204 or Beacon's 206 ("syncing") is not.
 * For HAProxy or Kubernetes semantics use {@code expectStatusBetween(200, 399)}.
 *
 * <p><b>Defaults</b>: {@code GET}, healthy on HTTP 200, concurrency 16, timeout 2 s per request
 * (connect to the start of the body), poll interval 250 ms in {@link #awaitHealthy}.
 *
 * <p><b>Threads.</b> A probe owns up to {@code concurrency} daemon threads (idle ones end after
 * 30 s) and shares the process's one HTTP client with the rest of gantry-health; {@link #close()}
 * cancels its requests in flight and ends its threads. It is thread-safe: calls from
 * several threads share the one bound of {@code concurrency} requests in flight.
 */
public final class FleetProbe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetProbe.class);

    /** The default number of requests in flight. */
    public static final int DEFAULT_CONCURRENCY = 16;
    /** The largest concurrency {@link Builder#concurrency(int)} accepts; each in-flight request has a thread. */
    public static final int MAX_CONCURRENCY = 1024;
    /** The default time one request may take, connect to the start of the body. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The default pause between two rounds of {@link #awaitHealthy}. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    private static final int MAX_LISTED = 50;

    /** The HTTP method of the probe requests. */
    public enum Method {
        /** {@code GET}: the node's answer and the start of its body are recorded. */
        GET,
        /** {@code HEAD}: only the status; cheaper for large bodies, but some servers answer 405. */
        HEAD
    }

    private final Method method;
    private final ExpectedStatus expected;
    private final int concurrency;
    private final Duration timeout;
    private final Duration pollInterval;
    private final Ticker ticker;
    private final ThreadPoolExecutor executor;
    private final NodeExchange exchange;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FleetProbe(Builder builder) {
        this.method = builder.method;
        this.expected = builder.expected;
        this.concurrency = builder.concurrency;
        this.timeout = builder.timeout;
        this.pollInterval = builder.pollInterval;
        this.ticker = builder.ticker;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "gantry-fleet-probe-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
        this.exchange = new NodeExchange(HttpClients.forProbe(timeout), method, expected, timeout);
    }

    /**
     * Starts the configuration of a probe; every setting has a default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a probe with the defaults: {@code GET}, healthy on HTTP 200, concurrency 16, timeout
     * 2 s, poll interval 250 ms.
     *
     * @return the probe; close it when done
     */
    public static FleetProbe ofDefaults() {
        return builder().build();
    }

    /**
     * Probes every URL once, concurrently, and waits for all answers.
     *
     * <p>Returns within about {@code ceil(urls / concurrency) × timeout} (less when nodes answer)
     * and never throws for what a node does.
     *
     * @param urls the URLs to probe, such as {@code http://10.0.0.1:8080/healthcheck}; http or
     *     https, with a host and without credentials; duplicates are probed twice
     * @return one {@link NodeProbe} per URL, in the given order
     * @throws IllegalArgumentException when a URL is not http(s), has no host or carries credentials
     * @throws IllegalStateException when the probe is closed, also while probing
     * @throws GantryException when the calling thread is interrupted (the interrupt flag is kept)
     */
    public FleetReport probe(List<URI> urls) {
        List<URI> targets = checked(urls);
        requireOpen();
        return new FleetReport(run(targets, () -> false), expected.toString());
    }

    /**
     * Probes until every URL answers as healthy or the deadline passes, as a test harness waits
     * for a service to come up.
     *
     * <p>Rounds: the first probes every URL; each later one, a {@link Builder#pollInterval(Duration)
     * poll interval} after the previous round ended, probes again only the nodes not yet healthy. A
     * node counts as healthy from its first healthy answer on and is not probed again.
     *
     * <p>Bounded: no request starts after the deadline, so this returns or throws at most one
     * request {@link Builder#timeout(Duration) timeout} after it; a request still queued at the
     * deadline is reported as {@code not probed before the deadline}.
     *
     * <pre>{@code
     * probe.awaitHealthy(urls, Duration.ofMinutes(2));   // throws FleetNotHealthyException with the laggards
     * }</pre>
     *
     * @param urls the URLs to await, as for {@link #probe(List)}
     * @param deadline how long to keep trying, measured from the call; positive
     * @return the report in which every node is healthy, each with its first healthy answer
     * @throws FleetNotHealthyException when some nodes were still not healthy at the deadline; the
     *     message names them with their last reason and {@link FleetNotHealthyException#report()}
     *     has every node's last outcome
     * @throws IllegalArgumentException when a URL is invalid or the deadline is not positive
     * @throws IllegalStateException when the probe is closed, also while waiting
     * @throws GantryException when the calling thread is interrupted (the interrupt flag is kept)
     */
    public FleetReport awaitHealthy(List<URI> urls, Duration deadline) {
        List<URI> targets = checked(urls);
        long budget = positiveNanos(deadline, "deadline");
        requireOpen();
        long start = ticker.nanoTime();
        BooleanSupplier expired = () -> ticker.nanoTime() - start >= budget;
        NodeProbe[] latest = new NodeProbe[targets.size()];
        List<Integer> pending = IntStream.range(0, targets.size()).boxed().toList();
        for (int round = 1; ; round++) {
            List<NodeProbe> results = run(pending.stream().map(targets::get).toList(), expired);
            for (int i = 0; i < pending.size(); i++) {
                if (results.get(i) != null) {
                    latest[pending.get(i)] = results.get(i);
                }
            }
            pending = pending.stream().filter(i -> latest[i] == null || !latest[i].healthy()).toList();
            if (pending.isEmpty()) {
                if (round > 1) {
                    log.info("all {} nodes answer {} after {} rounds", targets.size(), expected, round);
                }
                return report(targets, latest);
            }
            long remaining = budget - (ticker.nanoTime() - start);
            if (remaining > 0) {
                pause(Math.min(pollInterval.toNanos(), remaining));
            }
            if (expired.getAsBoolean()) {
                FleetReport last = report(targets, latest);
                throw new FleetNotHealthyException(notHealthy(deadline, round, last), last);
            }
            requireOpen();
        }
    }

    /** Returns the HTTP method of the requests. */
    public Method method() {
        return method;
    }

    /** Returns the statuses accepted as healthy, for people, such as {@code HTTP 200} or {@code HTTP 200-399}. */
    public String expected() {
        return expected.toString();
    }

    /** Returns the most requests in flight at once. */
    public int concurrency() {
        return concurrency;
    }

    /** Returns the time one request may take, connect to the start of the body. */
    public Duration timeout() {
        return timeout;
    }

    /** Returns the pause between two rounds of {@link #awaitHealthy}. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * Cancels requests in flight and releases the threads and connections. Calls waiting for those
     * requests throw {@link IllegalStateException}. Idempotent; later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Runnable queued : executor.shutdownNow()) {
            if (queued instanceof Future<?> future) {
                future.cancel(false);
            }
        }
        exchange.cancelAll();
    }

    /** Returns the settings, such as {@code FleetProbe[GET, healthy on HTTP 200, concurrency 16, …]}. */
    @Override
    public String toString() {
        return "FleetProbe[" + method + ", healthy on " + expected + ", concurrency " + concurrency + ", timeout "
                + timeout.toMillis() + " ms, poll every " + pollInterval.toMillis() + " ms"
                + (closed.get() ? ", closed" : "") + "]";
    }

    /** Probes the targets in order; a {@code null} element for a request skipped once {@code expired}. */
    private List<NodeProbe> run(List<URI> targets, BooleanSupplier expired) {
        List<Future<NodeProbe>> futures = new ArrayList<>(targets.size());
        try {
            for (URI url : targets) {
                futures.add(executor.submit(() -> expired.getAsBoolean() ? null : exchange.probe(url)));
            }
            List<NodeProbe> results = new ArrayList<>(targets.size());
            for (Future<NodeProbe> future : futures) {
                results.add(future.get());
            }
            requireOpen();
            return results;
        } catch (RejectedExecutionException | CancellationException e) {
            futures.forEach(future -> future.cancel(true));
            throw new IllegalStateException("the FleetProbe was closed while probing " + targets.size() + " nodes",
                    e);
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new GantryException("interrupted while probing " + targets.size() + " nodes", e);
        } catch (ExecutionException e) {
            throw new GantryException("probing failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    private void pause(long nanos) {
        try {
            ticker.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GantryException("interrupted while awaiting healthy nodes", e);
        }
    }

    private FleetReport report(List<URI> targets, NodeProbe[] latest) {
        List<NodeProbe> nodes = new ArrayList<>(targets.size());
        for (int i = 0; i < latest.length; i++) {
            nodes.add(latest[i] != null ? latest[i]
                    : new NodeProbe(targets.get(i), false, 0, Duration.ZERO, "not probed before the deadline",
                            Optional.empty()));
        }
        return new FleetReport(nodes, expected.toString());
    }

    private String notHealthy(Duration deadline, int rounds, FleetReport last) {
        List<NodeProbe> unhealthy = last.unhealthy();
        String listed = unhealthy.stream().limit(MAX_LISTED)
                .map(node -> "\n  " + node.url() + ": " + node.reason() + node.bodyStart().map(b -> " " + b).orElse(""))
                .collect(Collectors.joining());
        String more = unhealthy.size() > MAX_LISTED ? "\n  … and " + (unhealthy.size() - MAX_LISTED) + " more" : "";
        return "timed out after " + deadline.toMillis() + " ms waiting for " + last.nodes().size()
                + (last.nodes().size() == 1 ? " node" : " nodes") + " to answer " + method + " with " + expected
                + " (every " + pollInterval.toMillis() + " ms, " + timeout.toMillis() + " ms timeout per request, "
                + rounds + (rounds == 1 ? " round" : " rounds") + "); " + unhealthy.size() + " still unhealthy:"
                + listed + more;
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the FleetProbe is closed");
        }
    }

    private static List<URI> checked(List<URI> urls) {
        Objects.requireNonNull(urls, "urls");
        for (int i = 0; i < urls.size(); i++) {
            URI url = Objects.requireNonNull(urls.get(i), "urls[" + i + "]");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("urls[" + i + "] must be http or https but was: " + url);
            }
            if (url.getRawUserInfo() != null) {
                throw new IllegalArgumentException("urls[" + i + "] must not carry credentials (user:password@)");
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("urls[" + i + "] has no host (or an invalid one): " + url);
            }
        }
        return List.copyOf(urls);
    }

    private static long positiveNanos(Duration value, String name) {
        Checks.positive(value, name);
        return value.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toNanos() : value.toNanos();
    }

    /**
     * The configuration of a {@link FleetProbe}. Each setter checks its argument at once and
     * throws {@link NullPointerException} or {@link IllegalArgumentException} naming it. Not
     * thread-safe; {@link #build()} may be called many times, each probe owning its own threads.
     */
    public static final class Builder {

        private static final Duration MIN_DURATION = Duration.ofMillis(1);
        private static final Duration MAX_DURATION = Duration.ofHours(1);

        private Method method = Method.GET;
        private ExpectedStatus expected = ExpectedStatus.OK_ONLY;
        private int concurrency = DEFAULT_CONCURRENCY;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Ticker ticker = Ticker.SYSTEM;

        private Builder() {
        }

        /**
         * Sets how many requests may be in flight at once; default {@value FleetProbe#DEFAULT_CONCURRENCY}.
         *
         * @param concurrency between 1 and {@value FleetProbe#MAX_CONCURRENCY}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY
                        + " but was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Sets the time one request may take, from connecting to reading the start of the body;
         * default 2 s. A node slower than this is reported as {@code timed out after … ms}.
         *
         * @param timeout between 1 ms and 1 hour
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder timeout(Duration timeout) {
            this.timeout = between(timeout, "timeout");
            return this;
        }

        /**
         * Sets the pause between two rounds of {@link FleetProbe#awaitHealthy}; default 250 ms.
         *
         * @param pollInterval between 1 ms and 1 hour
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = between(pollInterval, "pollInterval");
            return this;
        }

        /**
         * Sets the HTTP method; default {@link Method#GET}.
         *
         * @param method {@code GET} or {@code HEAD}
         * @return this builder
         */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Accepts exactly these statuses as healthy, replacing the previous rule; default 200 only.
         *
         * <pre>{@code
         * builder.expectStatus(200, 204)
         * }</pre>
         *
         * @param codes one or more HTTP statuses, each between 100 and 599
         * @return this builder
         * @throws IllegalArgumentException when there is no code or a code is out of range
         */
        public Builder expectStatus(int... codes) {
            Objects.requireNonNull(codes, "codes");
            if (codes.length == 0) {
                throw new IllegalArgumentException("codes must name at least one HTTP status");
            }
            for (int code : codes) {
                if (code < 100 || code > 599) {
                    throw new IllegalArgumentException("codes must be HTTP statuses between 100 and 599 but "
                            + Arrays.toString(codes) + " contains " + code);
                }
            }
            this.expected = ExpectedStatus.exactly(codes);
            return this;
        }

        /**
         * Accepts every status from {@code first} to {@code last} (inclusive) as healthy, replacing
         * the previous rule; {@code (200, 399)} is what HAProxy's {@code option httpchk} and
         * Kubernetes probes accept, {@code (200, 299)} what most HTTP clients call success.
         *
         * @param first the lowest healthy status, from 100
         * @param last the highest healthy status, up to 599, not below {@code first}
         * @return this builder
         * @throws IllegalArgumentException when out of range or {@code last < first}
         */
        public Builder expectStatusBetween(int first, int last) {
            if (first < 100 || first > 599) {
                throw new IllegalArgumentException("first must be an HTTP status between 100 and 599 but was " + first);
            }
            if (last < first || last > 599) {
                throw new IllegalArgumentException("last must be between first (" + first + ") and 599 but was "
                        + last);
            }
            this.expected = ExpectedStatus.between(first, last);
            return this;
        }

        /** Replaces the clock and sleep of {@code awaitHealthy}; for tests. */
        Builder ticker(Ticker newTicker) {
            this.ticker = Objects.requireNonNull(newTicker, "ticker");
            return this;
        }

        /**
         * Creates a probe with this configuration; it owns an HTTP client and threads until closed.
         *
         * @return the probe
         */
        public FleetProbe build() {
            return new FleetProbe(this);
        }

        private static Duration between(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(MIN_DURATION) < 0 || value.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException(name + " must be between 1 ms and 1 hour but was " + value);
            }
            return value;
        }
    }
}
