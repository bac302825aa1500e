package dev.gantry.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one bounded fan-out for parallel work: runs a task for each item of a list, at most {@link
 * #parallelism()} at a time, each within {@link #itemTimeout()} counted from when it starts, and
 * returns one {@link Outcome} per item in input order.
 *
 * <pre>{@code
 * List<FanOut.Outcome<Report>> outcomes = FanOut.of(8, Duration.ofMinutes(2))
 *         .withThreadName("gantry-raid-fleet")
 *         .map(hosts, host -> check(host));
 * }</pre>
 *
 * <p>A task that throws is a {@link Outcome.Failed}; a task still running at its deadline is a
 * {@link Outcome.TimedOut} and its thread is interrupted; an item that has not started when the
 * whole call's {@link #deadline(int) deadline} passes is a {@link Outcome.NotStarted}. So {@link
 * #map} never waits forever, even when a task ignores interruption: it returns at the latest after
 * {@code itemTimeout × (⌈items ÷ parallelism⌉ + 1)}.
 *
 * <p>Tasks run on the caller's {@link Executor} when one is given ({@link #withExecutor(Executor)});
 * the fan-out then limits how many it hands over at once and never shuts the executor down.
 * Otherwise each call starts its own pool of at most {@code parallelism} daemon threads and stops
 * it before returning. If the calling thread is interrupted, the call stops waiting, interrupts
 * the running tasks, reports the unfinished items as {@link Outcome.Failed} with a {@link
 * CancellationException}, and returns with the interrupt flag set.
 *
 * <p>Immutable and thread-safe.
 */
public final class FanOut {

    private static final int MAX_PARALLELISM = 1024;

    private final int parallelism;
    private final Duration itemTimeout;
    private final Optional<Executor> executor;
    private final String threadName;

    private FanOut(int parallelism, Duration itemTimeout, Optional<Executor> executor, String threadName) {
        this.parallelism = Checks.between(parallelism, 1, MAX_PARALLELISM, "parallelism");
        this.itemTimeout = Checks.positive(itemTimeout, "itemTimeout");
        this.executor = executor;
        this.threadName = Checks.notNull(threadName, "threadName");
    }

    /**
     * Returns a fan-out that runs at most {@code parallelism} tasks at once on threads of its own.
     *
     * @param parallelism how many tasks run at once, 1 to 1024
     * @param itemTimeout how long one task may run, counted from when it starts; positive
     * @return the fan-out
     */
    public static FanOut of(int parallelism, Duration itemTimeout) {
        return new FanOut(parallelism, itemTimeout, Optional.empty(), "gantry-fan-out");
    }

    /**
     * Returns a copy that runs the tasks on the caller's executor instead of threads of its own.
     *
     * @param value the executor; the fan-out never shuts it down
     * @return the copy
     */
    public FanOut withExecutor(Executor value) {
        return new FanOut(parallelism, itemTimeout, Optional.of(Checks.notNull(value, "executor")), threadName);
    }

    /**
     * Returns a copy whose own threads are named {@code prefix-1}, {@code prefix-2}, …
     *
     * @param prefix the name prefix
     * @return the copy
     */
    public FanOut withThreadName(String prefix) {
        return new FanOut(parallelism, itemTimeout, executor, prefix);
    }

    /**
     * Returns how many tasks run at once.
     *
     * @return the parallelism
     */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Returns how long one task may run, counted from when it starts.
     *
     * @return the per-item timeout
     */
    public Duration itemTimeout() {
        return itemTimeout;
    }

    /**
     * Returns the longest a call with this many items waits: {@code itemTimeout × (⌈items ÷
     * parallelism⌉ + 1)}, the extra round for an executor that starts tasks late.
     *
     * @param items the number of items
     * @return the bound
     */
    public Duration deadline(int items) {
        long rounds = (Math.max(0, items) + parallelism - 1L) / parallelism + 1;
        long nanos = itemTimeout.toNanos();
        return Duration.ofNanos(nanos > Long.MAX_VALUE / rounds ? Long.MAX_VALUE : nanos * rounds);
    }

    /**
     * Runs the task for every item and returns what became of each, in input order.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param items the items
     * @param task the work for one item; should stop when interrupted
     * @return one outcome per item, in the order of {@code items}
     */
    public <T, R> List<Outcome<R>> map(List<? extends T> items, Function<? super T, ? extends R> task) {
        List<T> input = List.copyOf(items);
        Checks.notNull(task, "task");
        if (input.isEmpty()) {
            return List.of();
        }
        ExecutorService own = executor.isPresent() ? null
                : Executors.newFixedThreadPool(Math.min(parallelism, input.size()), threads(threadName));
        try {
            return new Run<T, R>(input, task, own == null ? executor.get() : own).run();
        } finally {
            if (own != null) {
                own.shutdownNow();
            }
        }
    }

    @Override
    public String toString() {
        return "FanOut[" + parallelism + " at a time, " + itemTimeout + " per item"
                + (executor.isPresent() ? ", on the caller's executor" : "") + "]";
    }

    /**
     * What became of one item.
     *
     * @param <R> the type of the result
     */
    public sealed interface Outcome<R> {

        /**
         * The task returned a result.
         *
         * @param <R> the type of the result
         * @param value what it returned
         */
        record Done<R>(R value) implements Outcome<R> {}

        /**
         * The task threw, or could not be handed to the executor.
         *
         * @param <R> the type of the result
         * @param cause what was thrown
         */
        record Failed<R>(Throwable cause) implements Outcome<R> {}

        /**
         * The task was still running at its deadline and was interrupted.
         *
         * @param <R> the type of the result
         * @param after the per-item timeout it exceeded
         */
        record TimedOut<R>(Duration after) implements Outcome<R> {}

        /**
         * The task had not started when the whole call's deadline passed, so it never ran.
         *
         * @param <R> the type of the result
         * @param deadline the whole call's deadline
         */
        record NotStarted<R>(Duration deadline) implements Outcome<R> {}
    }

    /** One call of {@link #map}: hands items to the executor as permits free up, then collects. */
    private final class Run<T, R> {

        private final List<T> input;
        private final Function<? super T, ? extends R> task;
        private final Executor runner;
        private final List<Item<R>> items = new ArrayList<>();
        private final Semaphore permits = new Semaphore(parallelism);
        private final Duration deadline;
        private final long endNanos;

        Run(List<T> input, Function<? super T, ? extends R> task, Executor runner) {
            this.input = input;
            this.task = task;
            this.runner = runner;
            this.deadline = deadline(input.size());
            this.endNanos = System.nanoTime() + deadline.toNanos();
            input.forEach(i -> items.add(new Item<>()));
        }

        List<Outcome<R>> run() {
            try {
                dispatch();
                CompletableFuture.allOf(items.stream().map(i -> i.outcome).toArray(CompletableFuture[]::new))
                        .get(left(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                items.forEach(i -> i.giveUp(new Outcome.Failed<>(new CancellationException("the caller was"
                        + " interrupted"))));
            } catch (TimeoutException | ExecutionException e) {
                // the items that are not done are given up below
            }
            items.forEach(i -> i.giveUp(i.started() ? new Outcome.TimedOut<>(itemTimeout)
                    : new Outcome.NotStarted<>(deadline)));
            return items.stream().map(i -> i.outcome.join()).toList();
        }

        private void dispatch() throws InterruptedException {
            for (int n = 0; n < input.size(); n++) {
                if (!permits.tryAcquire(left(), TimeUnit.NANOSECONDS)) {
                    return;
                }
                Item<R> item = items.get(n);
                T value = input.get(n);
                item.outcome.whenComplete((o, e) -> permits.release());
                try {
                    runner.execute(() -> item.run(() -> task.apply(value), itemTimeout));
                } catch (RejectedExecutionException e) {
                    item.outcome.complete(new Outcome.Failed<>(e));
                }
            }
        }

        private long left() {
            return Math.max(0, endNanos - System.nanoTime());
        }
    }

    /** The state of one item: queued, running on a worker, or ended. */
    private static final class Item<R> {

        private final CompletableFuture<Outcome<R>> outcome = new CompletableFuture<>();
        private Thread worker;
        private boolean ended;

        void run(Supplier<? extends R> work, Duration timeout) {
            if (!start()) {
                return;
            }
            outcome.completeOnTimeout(new Outcome.TimedOut<>(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .whenComplete((o, e) -> {
                        if (o instanceof Outcome.TimedOut) {
                            interrupt();
                        }
                    });
            try {
                outcome.complete(new Outcome.Done<>(work.get()));
            } catch (RuntimeException | Error e) {
                outcome.complete(new Outcome.Failed<>(e));
            } finally {
                end();
            }
        }

        /** Gives an item up unless it is done: interrupts its worker and records the outcome. */
        void giveUp(Outcome<R> why) {
            if (outcome.complete(why)) {
                interrupt();
            }
        }

        synchronized boolean started() {
            return worker != null;
        }

        private synchronized boolean start() {
            if (outcome.isDone()) {
                return false;
            }
            worker = Thread.currentThread();
            return true;
        }

        private synchronized void interrupt() {
            if (worker != null && !ended) {
                worker.interrupt();
            }
        }

        /** Marks the item ended and clears an interrupt meant for it, so the worker thread stays usable. */
        private synchronized void end() {
            ended = true;
            Thread.interrupted();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
