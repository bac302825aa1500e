package dev.gantry.core.workflow;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.event.EventListener;
import dev.failsafe.event.ExecutionAttemptedEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a {@link Step} is retried when it throws: a bounded number of attempts, a delay (fixed or
 * doubling up to a maximum), which failures qualify, and which failures stop the retries at once
 * whatever the rest says ({@link #abortOn}, Failsafe's idea). The workflow turns it into a Failsafe
 * {@code RetryPolicy}. A violated {@link Guard} always aborts.
 *
 * <pre>{@code
 * Step join = Step.of("join cp-2", ctx -> joined(ctx), ctx -> join(ctx))
 *         .withRetry(Retry.when(5, Duration.ofSeconds(2), e -> e.getMessage().contains("connection refused"))
 *                 .abortOn(e -> e.getMessage().contains("no leader"))
 *                 .withBackoff(Duration.ofSeconds(30)));
 * }</pre>
 *
 * <p>Domain packages offer ready retries, e.g. {@code dev.gantry.core.etcd.EtcdErrors.retry(3,
 * delay)}. Immutable and thread-safe when its predicates are.
 */
public final class Retry {

    private final int maxAttempts;
    private final Duration delay;
    private final Duration maxDelay;
    private final Predicate<Throwable> retryIf;
    private final Predicate<Throwable> abortIf;
    private final String description;

    private Retry(int maxAttempts, Duration delay, Duration maxDelay, Predicate<Throwable> retryIf,
            Predicate<Throwable> abortIf, String description) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (delay.isNegative() || maxDelay.compareTo(delay) < 0) {
            throw new IllegalArgumentException("need 0 <= delay <= maxDelay, got " + delay + " and " + maxDelay);
        }
        this.maxAttempts = maxAttempts;
        this.delay = delay;
        this.maxDelay = maxDelay;
        this.retryIf = Objects.requireNonNull(retryIf, "retryIf");
        this.abortIf = Objects.requireNonNull(abortIf, "abortIf");
        this.description = description;
    }

    /**
     * Returns one attempt and no retry, the default of every step.
     *
     * @return the retry that never retries
     */
    public static Retry none() {
        return new Retry(1, Duration.ZERO, Duration.ZERO, failure -> false, failure -> false, "no retry");
    }

    /**
     * Returns a retry of the failures {@code retryIf} accepts, with a fixed delay.
     *
     * @param maxAttempts attempts in all, at least 1
     * @param delay the pause between attempts
     * @param retryIf which failures to retry
     * @return the retry
     */
    public static Retry when(int maxAttempts, Duration delay, Predicate<Throwable> retryIf) {
        return new Retry(maxAttempts, delay, delay, retryIf, failure -> false, "selected failures");
    }

    /**
     * Returns a copy that stops retrying at once on a failure {@code abortIf} accepts, even when
     * the retry predicate accepts it too; several calls add up (any of them aborts).
     *
     * @param abortIf failures a retry would only make worse, e.g. a lost quorum
     * @return the copy
     */
    public Retry abortOn(Predicate<Throwable> abortIf) {
        Objects.requireNonNull(abortIf, "abortIf");
        return new Retry(maxAttempts, delay, maxDelay, retryIf, this.abortIf.or(abortIf), description);
    }

    /**
     * Returns a copy with exponential backoff: the pause doubles after each attempt up to {@code max}.
     *
     * @param max the longest pause
     * @return the copy
     */
    public Retry withBackoff(Duration max) {
        return new Retry(maxAttempts, delay, max, retryIf, abortIf, description);
    }

    /**
     * Returns the number of attempts in all, including the first.
     *
     * @return the attempts
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Returns the first pause between attempts.
     *
     * @return the delay
     */
    public Duration delay() {
        return delay;
    }

    /**
     * Tells whether this retry would try again after a failed attempt, attempts permitting: the
     * failure is no guard violation, is not aborted on, and qualifies.
     *
     * @param failure a failed attempt's exception
     * @return whether another attempt follows
     */
    public boolean retries(Throwable failure) {
        return maxAttempts > 1 && !(failure instanceof GuardViolation) && !abortIf.test(failure)
                && retryIf.test(failure);
    }

    /** The Failsafe policy for one execution, reporting each retry to {@code onRetry}. */
    RetryPolicy<Object> policy(EventListener<ExecutionAttemptedEvent<Object>> onRetry) {
        RetryPolicyBuilder<Object> builder = RetryPolicy.builder()
                .handleIf((result, failure) -> failure != null && retries(failure))
                .withMaxAttempts(maxAttempts)
                .onRetry(onRetry);
        if (maxDelay.compareTo(delay) > 0 && !delay.isZero()) {
            builder.withBackoff(delay, maxDelay);
        } else if (!delay.isZero()) {
            builder.withDelay(delay);
        }
        return builder.build();
    }

    /**
     * Describes the attempts, the failures retried and the delay.
     *
     * @return e.g. {@code Retry[3 attempts of selected failures, delay PT1S]}
     */
    @Override
    public String toString() {
        return maxAttempts == 1 ? "Retry[none]"
                : "Retry[" + maxAttempts + " attempts of " + description + ", delay " + delay
                        + (maxDelay.equals(delay) ? "" : " up to " + maxDelay) + "]";
    }
}
