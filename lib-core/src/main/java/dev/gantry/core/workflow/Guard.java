package dev.gantry.core.workflow;

/**
 * A condition re-checked right before a step runs (never when it is skipped as done), such as
 * "the kubeadm certificate key is still fresh" or "adding a member keeps quorum". A violated
 * guard fails the step without retrying it. Factories are in {@link Guards}; attach one with
 * {@link Step#guardedBy(Guard)}.
 */
@FunctionalInterface
public interface Guard {

    /**
     * Checks the condition now.
     *
     * @param context the run's context
     * @return why the step must not run, or empty when it may
     */
    java.util.Optional<String> violation(StepContext context);
}
