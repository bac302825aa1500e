/**
 * A small, generic engine for resumable workflows: idempotent {@link dev.gantry.core.workflow.Step}s
 * run in order by a {@link dev.gantry.core.workflow.Workflow}, each skipped when already done,
 * retried as its {@link dev.gantry.core.workflow.Retry} says (through Failsafe) and gated by
 * {@link dev.gantry.core.workflow.Guard}s. A run ends in a {@link
 * dev.gantry.core.workflow.WorkflowResult}, which also reads as a {@code Report}.
 *
 * <pre>{@code
 * Workflow workflow = Workflow.of(writeConfig, startDaemon).withExecutor(ssh);
 * workflow.dryRun().print();
 * workflow.run(Progress.console()).report().orThrow();
 * }</pre>
 *
 * <p>The engine knows no product: etcd's retries and join guards are in {@code dev.gantry.core.etcd}.
 */
package dev.gantry.core.workflow;
