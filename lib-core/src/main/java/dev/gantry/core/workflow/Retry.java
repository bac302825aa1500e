package dev.gantry.core.workflow;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.event.ExecutionAttemptedEvent;
import dev.failsafe.event.EventListener;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a {@link Step} is retried when it throws: a bounded number of attempts, a delay (fixed or
 * doubling up to a maximum) and which failures qualify. The workflow turns it into a Failsafe
 * {@code RetryPolicy}; failures that {@link Transient#isQuorumLoss} are never retried, whatever
 * the predicate says.
 *
 * <pre>{@code
 * Step join = Step.of("join cp-2", ctx -> joined(ctx), ctx -> join(ctx))
 *         .withRetry(Retry.onTransient(5, Duration.ofSeconds(2)).withBackoff(Duration.ofSeconds(30)));
 * }</pre>
 *
 * <p>Immutable and thread-safe when its predicate is.
 */
public final class Retry {

    private final int maxAttempts;
    private final Duration delay;
    private final Duration maxDelay;
    private final Predicate<Throwable> retryIf;
    private final String description;

    private Retry(int maxAttempts, Duration delay, Duration maxDelay, Predicate<Throwable> retryIf, String description) {
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
        this.description = description;
    }

    /** @return one attempt, no retry; the default of every step */
    public static Retry none() {
        return new Retry(1, Duration.ZERO, Duration.ZERO, failure -> false, "no retry");
    }

    /**
     * @param maxAttempts attempts in all, at least 1
     * @param delay the pause between attempts
     * @return a retry of the failures {@link Transient#isTransient} recognises
     */
    public static Retry onTransient(int maxAttempts, Duration delay) {
        return new Retry(maxAttempts, delay, delay, Transient::isTransient, "transient failures");
    }

    /**
     * @param maxAttempts attempts in all, at least 1
     * @param delay the pause between attempts
     * @param retryIf which failures to retry (quorum loss never is)
     * @return a retry of the failures {@code retryIf} accepts
     */
    public static Retry when(int maxAttempts, Duration delay, Predicate<Throwable> retryIf) {
        return new Retry(maxAttempts, delay, delay, retryIf, "selected failures");
    }

    /**
     * @param max the longest pause; the pause doubles after each attempt up to it
     * @return a copy with exponential backoff
     */
    public Retry withBackoff(Duration max) {
        return new Retry(maxAttempts, delay, max, retryIf, description);
    }

    /** @return attempts in all, including the first */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the first pause between attempts */
    public Duration delay() {
        return delay;
    }

    /**
     * @param failure a failed attempt's exception
     * @return whether this retry would try again after it (attempts permitting)
     */
    public boolean retries(Throwable failure) {
        return maxAttempts > 1 && !(failure instanceof GuardViolation) && !Transient.isQuorumLoss(failure)
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

    @Override
    public String toString() {
        return maxAttempts == 1 ? "Retry[none]"
                : "Retry[" + maxAttempts + " attempts of " + description + ", delay " + delay
                        + (maxDelay.equals(delay) ? "" : " up to " + maxDelay) + "]";
    }
}
