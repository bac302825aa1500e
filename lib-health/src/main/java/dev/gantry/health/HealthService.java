package dev.gantry.health;

import dev.gantry.core.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs health checks in the background and keeps their latest results, so that answering a
 * probe never waits for a node.
 *
 * <p>Every {@code interval} each check runs on a worker thread with a deadline of
 * {@code timeout}; at the deadline the worker is interrupted; a check that throws becomes {@link Status#DOWN}
 * with reason {@code HEALTH-CHECK-FAILED}, one that misses its deadline {@code DOWN} with
 * {@code HEALTH-TIMEOUT}, and a check still stuck in its previous run is not started again. A
 * result older than {@code maxStaleness} is served as {@link Status#UNKNOWN} ({@code HEALTH-STALE}).
 * Changes between ready and not ready pass through rise/fall hysteresis (see {@link CheckState}).
 * {@code /livez} fails only when the evaluator itself stops ticking or a liveness check is down.
 *
 * <pre>{@code
 * try (HealthService health = HealthService.builder()
 *         .readiness("node", syncCheck)
 *         .interval(Duration.ofSeconds(1))
 *         .build()
 *         .start()) {
 *     HealthServer.start(health, 8080);
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Owns a scheduler thread (which also times the deadlines) and, unless an
 * executor is given, worker threads; all are daemon threads and end with {@link #close()}, which
 * leaves no thread of this service behind (a check that ignores interrupts keeps its own worker
 * until it returns).
 */
public final class HealthService implements AutoCloseable {

    private final List<CheckState> states;
    private final Duration interval;
    private final Duration timeout;
    private final Duration maxStaleness;
    private final Clock clock;
    private final ExecutorService workers;
    private final boolean ownsWorkers;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<Instant> lastTick = new AtomicReference<>();
    private volatile boolean closed;

    private HealthService(Builder builder) {
        this.interval = builder.interval;
        this.timeout = builder.timeout;
        this.maxStaleness = builder.maxStaleness == null ? interval.multipliedBy(3).plus(timeout) : builder.maxStaleness;
        this.clock = builder.clock;
        Instant now = clock.instant();
        List<CheckState> all = new ArrayList<>();
        builder.checks.forEach((name, entry) ->
                all.add(new CheckState(name, entry.group, entry.check, builder.rise, builder.fall, now)));
        this.states = List.copyOf(all);
        this.ownsWorkers = builder.executor == null;
        this.workers = ownsWorkers ? Executors.newCachedThreadPool(daemon("gantry-health-check")) : builder.executor;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("gantry-health-scheduler"));
        this.lastTick.set(now);
    }

    /** Returns a builder with the defaults: interval 5 s, timeout 2 s, rise 2, fall 3. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts running the checks every {@code interval}, the first time at once.
     *
     * @return this service
     */
    public HealthService start() {
        if (closed) {
            throw new IllegalStateException("this HealthService is closed");
        }
        scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Runs every check now, waits for their results (at most the timeout), and returns the new
     * snapshot. For runbooks and tests; a serving node relies on {@link #start()}.
     *
     * @return the snapshot after the run
     */
    public HealthSnapshot refreshNow() {
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        lastTick.set(clock.instant());
        for (CheckState state : states) {
            runs.add(run(state));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        return snapshot();
    }

    /**
     * The latest state of every check. Cheap: reads what the background runs recorded.
     *
     * @return the snapshot
     */
    public HealthSnapshot snapshot() {
        Instant now = clock.instant();
        List<CheckSnapshot> checks = new ArrayList<>();
        for (CheckState state : states) {
            checks.add(state.snapshot(now, maxStaleness));
        }
        Status readiness = HealthSnapshot.worst(statuses(checks, CheckGroup.READINESS));
        Status liveness = evaluatorAlive(now) ? HealthSnapshot.worst(statuses(checks, CheckGroup.LIVENESS))
                : Status.DOWN;
        return new HealthSnapshot(readiness, liveness, checks, now);
    }

    /** Returns how often checks run. */
    public Duration interval() {
        return interval;
    }

    /** Stops the scheduler and, if this service created them, the worker threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        if (ownsWorkers) {
            workers.shutdownNow();
        }
    }

    private void tick() {
        lastTick.set(clock.instant());
        for (CheckState state : states) {
            run(state);
        }
    }

    private CompletableFuture<Void> run(CheckState state) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        if (!state.tryStart()) {
            state.record(CheckResult.down("the previous run has not returned after " + timeout.toMillis()
                    + " ms").withReason("HEALTH-TIMEOUT"), started, Duration.ZERO);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Future<?> task;
        try {
            task = workers.submit(() -> complete(result, state));
        } catch (RejectedExecutionException closing) {
            state.returned();
            state.record(failed(closing), clock.instant(), Duration.ZERO);
            return CompletableFuture.completedFuture(null);
        }
        // The deadline completes the result even when the check ignores the interrupt. It runs on
        // this service's scheduler (not on Failsafe's or the JDK's process-wide timer threads, which
        // outlive close()), so close() ends every thread the service started.
        Future<?> timer = schedule(() -> {
            if (result.completeExceptionally(new DeadlineExceeded())) {
                task.cancel(true); // interrupts checks that listen; the state still waits for returned()
            }
        });
        return result.handle((value, error) -> {
            timer.cancel(false);
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            state.record(value != null ? value : failed(error), clock.instant(), took);
            return null;
        });
    }

    /** Schedules the deadline of one run; runs it at once when the service is closing. */
    private Future<?> schedule(Runnable deadline) {
        try {
            return scheduler.schedule(deadline, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            deadline.run();
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The marker of a run that missed its deadline. */
    private static final class DeadlineExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super(null, null, false, false);
        }
    }

    private static void complete(CompletableFuture<CheckResult> result, CheckState state) {
        try {
            result.complete(callCheck(state));
        } catch (RuntimeException | Error error) { // a failing check becomes a DOWN result
            result.completeExceptionally(error);
        }
    }

    private static CheckResult callCheck(CheckState state) {
        try {
            CheckResult result = state.check().check();
            return result != null ? result
                    : CheckResult.down("the check returned null").withReason("HEALTH-CHECK-FAILED");
        } finally {
            state.returned();
        }
    }

    private CheckResult failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DeadlineExceeded) {
            return CheckResult.down("no result within " + timeout.toMillis() + " ms").withReason("HEALTH-TIMEOUT");
        }
        return CheckResult.down(cause).withReason("HEALTH-CHECK-FAILED");
    }

    private boolean evaluatorAlive(Instant now) {
        Duration sinceTick = Duration.between(lastTick.get(), now);
        return !closed && sinceTick.compareTo(interval.multipliedBy(3).plus(timeout)) <= 0;
    }

    private static List<Status> statuses(List<CheckSnapshot> checks, CheckGroup group) {
        return checks.stream().filter(check -> check.group() == group).map(CheckSnapshot::status).toList();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Configures a {@link HealthService}. Not thread-safe; {@link #build()} returns a service that
     * is. Each setter checks its argument at once.
     */
    public static final class Builder {

        private final Map<String, Entry> checks = new LinkedHashMap<>();
        private Duration interval = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(2);
        private Duration maxStaleness;
        private int rise = 2;
        private int fall = 3;
        private Clock clock = Clock.systemUTC();
        private ExecutorService executor;

        private Builder() {
        }

        private record Entry(CheckGroup group, HealthCheck check) {
        }

        /**
         * Adds a check that decides whether the node receives traffic.
         *
         * @param name a unique name, used in URLs ({@code /healthcheck/{name}}) and metrics
         * @param check the check
         * @return this builder
         */
        public Builder readiness(String name, HealthCheck check) {
            return add(name, CheckGroup.READINESS, check);
        }

        /**
         * Adds a check that decides whether the process should be restarted. Never put sync or
         * dependency checks here.
         *
         * @param name a unique name
         * @param check the check
         * @return this builder
         */
        public Builder liveness(String name, HealthCheck check) {
            return add(name, CheckGroup.LIVENESS, check);
        }

        /**
         * Sets how often every check runs; default 5 s.
         *
         * @param value how often every check runs; default 5 s
         * @return this builder
         */
        public Builder interval(Duration value) {
            this.interval = Checks.positive(value, "interval");
            return this;
        }

        /**
         * Sets how long one run of a check may take; default 2 s.
         *
         * @param value how long one run of a check may take; default 2 s
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = Checks.positive(value, "timeout");
            return this;
        }

        /**
         * Sets how old a result may get before it counts as unknown; default 3 × interval + timeout.
         *
         * @param value how old a result may get before it counts as unknown; default
         *     3 × interval + timeout
         * @return this builder
         */
        public Builder maxStaleness(Duration value) {
            this.maxStaleness = Checks.positive(value, "maxStaleness");
            return this;
        }

        /**
         * Sets consecutive ready results needed to become ready again; default 2.
         *
         * @param value consecutive ready results needed to become ready again; default 2
         * @return this builder
         */
        public Builder rise(int value) {
            this.rise = atLeastOne(value, "rise");
            return this;
        }

        /**
         * Sets consecutive not-ready results needed to become not ready; default 3.
         *
         * @param value consecutive not-ready results needed to become not ready; default 3
         * @return this builder
         */
        public Builder fall(int value) {
            this.fall = atLeastOne(value, "fall");
            return this;
        }

        /**
         * Sets the clock for result times and staleness; default the system UTC clock.
         *
         * @param value the clock for result times and staleness; default the system UTC clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the executor that runs checks; the service does not shut it down. Default: the service's own daemon threads.
         *
         * @param value the executor that runs checks; the service does not shut it down.
         *     Default: the service's own daemon threads
         * @return this builder
         */
        public Builder executor(ExecutorService value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Returns a new service, not yet started. */
        public HealthService build() {
            if (maxStaleness != null && maxStaleness.compareTo(interval) < 0) {
                throw new IllegalStateException("maxStaleness (" + maxStaleness + ") must be at least the interval ("
                        + interval + ")");
            }
            return new HealthService(this);
        }

        private Builder add(String name, CheckGroup group, HealthCheck check) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
            if (!name.matches("[a-z0-9][a-z0-9_.-]{0,62}")) {
                throw new IllegalArgumentException("check name must be lower-case letters, digits, '.', '_' or '-'"
                        + " (it appears in URLs and metric labels) but was: " + name);
            }
            if (checks.putIfAbsent(name, new Entry(group, check)) != null) {
                throw new IllegalArgumentException("a check named '" + name + "' is already registered");
            }
            return this;
        }


        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
            }
            return value;
        }
    }
}
