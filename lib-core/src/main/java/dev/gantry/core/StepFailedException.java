package dev.gantry.core;

import java.util.Objects;

/**
 * Thrown when a step of a workflow or provisioning run fails and its retries are used up.
 *
 * <p>The message starts with {@code step '<name>' failed: } and then says why:
 *
 * <pre>{@code
 * step 'kubeadm-init cp-1' failed: exit 1 after 42s: [ERROR Port-6443]: Port 6443 is in use
 * }</pre>
 */
public class StepFailedException extends GantryException {

    private static final long serialVersionUID = 1L;

    private final String step;

    /**
     * Creates the exception without a cause.
     *
     * @param step the name of the step that failed
     * @param message why it failed and what to do about it
     */
    public StepFailedException(String step, String message) {
        this(step, message, null);
    }

    /**
     * Creates the exception.
     *
     * @param step the name of the step that failed
     * @param message why it failed and what to do about it
     * @param cause the underlying failure, kept for stack traces; may be {@code null}
     */
    public StepFailedException(String step, String message, Throwable cause) {
        super("step '" + Objects.requireNonNull(step, "step") + "' failed: " + Objects.requireNonNull(message, "message"),
                cause);
        this.step = step;
    }

    /**
     * Returns the name of the step that failed.
     *
     * @return the name of the step that failed
     */
    public String step() {
        return step;
    }
}
