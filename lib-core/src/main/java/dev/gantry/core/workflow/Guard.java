package dev.gantry.core.workflow;

/**
 * A condition re-checked right before a step runs (never when it is skipped as done), such as
 * "the certificates are still fresh" or "adding a member keeps quorum". A violated guard fails the
 * step without retrying it. Attach one with {@link Step#guardedBy(Guard)}; domain packages offer
 * ready ones (e.g. {@code dev.gantry.core.etcd.JoinGuards}).
 *
 * <pre>{@code
 * Step deploy = Step.of("deploy", ctx -> deployed(ctx), ctx -> deploy(ctx))
 *         .guardedBy(ctx -> maintenanceWindow() ? Optional.empty() : Optional.of("outside the maintenance window"));
 * }</pre>
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
