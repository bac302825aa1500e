package dev.gantry.core.workflow;

import dev.gantry.core.exec.HostExecutor;

/** Step contexts for tests in other packages, whose guards and steps need one outside a run. */
public final class StepContexts {

    private StepContexts() {}

    /**
     * Creates the context of a real (not dry) run with silent progress.
     *
     * @param executor the executor the steps reach hosts through
     * @return the context
     */
    public static StepContext of(HostExecutor executor) {
        return new StepContext(executor, false, Progress.silent());
    }
}
