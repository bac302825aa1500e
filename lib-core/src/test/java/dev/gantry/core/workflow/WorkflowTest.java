package dev.gantry.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.CheckFailedException;
import dev.gantry.core.Finding;
import dev.gantry.core.GantryException;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import dev.gantry.core.StepFailedException;
import dev.gantry.core.workflow.StepEvent.Kind;
import dev.gantry.core.workflow.WorkflowResult.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkflowTest {

    private static final java.util.function.Predicate<Throwable> BUSY =
            failure -> String.valueOf(failure.getMessage()).contains("resource busy");

    /** The "machine" the steps change: names of the things that exist. */
    private final Set<String> world = new LinkedHashSet<>();
    private final List<String> runs = new ArrayList<>();

    private Step creates(String thing) {
        return Step.of("create " + thing, ctx -> world.contains(thing), ctx -> {
            runs.add(thing);
            world.add(thing);
        });
    }

    private Step failsUntilFixed(String thing, Set<String> fixed) {
        return Step.of("create " + thing, ctx -> world.contains(thing), ctx -> {
            runs.add(thing);
            if (!fixed.contains(thing)) {
                throw new GantryException("disk full while creating " + thing);
            }
            world.add(thing);
        });
    }

    @Test
    void runsEveryStepInOrderAndReportsThemAsRan() {
        CollectingProgress progress = new CollectingProgress();

        WorkflowResult result = Workflow.of(creates("a"), creates("b"), creates("c")).run(progress);

        assertThat(result.ok()).isTrue();
        assertThat(result.ran()).containsExactly("create a", "create b", "create c");
        assertThat(runs).containsExactly("a", "b", "c");
        assertThat(progress.kinds()).containsExactly(Kind.STARTED, Kind.SUCCEEDED, Kind.STARTED, Kind.SUCCEEDED,
                Kind.STARTED, Kind.SUCCEEDED);
    }

    @Test
    void skipsStepsThatAreAlreadyDone() {
        world.add("b");
        CollectingProgress progress = new CollectingProgress();

        WorkflowResult result = Workflow.of(creates("a"), creates("b"), creates("c")).run(progress);

        assertThat(result.skipped()).containsExactly("create b");
        assertThat(runs).containsExactly("a", "c");
        assertThat(progress.steps(Kind.SKIPPED)).containsExactly("create b");
    }

    @Test
    void stopsAtTheFirstFailingStepAndSaysWhichAndWhy() {
        Workflow workflow = Workflow.of(creates("a"), failsUntilFixed("b", Set.of()), creates("c"));

        WorkflowResult result = workflow.run();

        assertThat(result.ok()).isFalse();
        assertThat(result.failedStep()).contains("create b");
        assertThat(result.failureMessage()).contains("disk full while creating b");
        assertThat(result.notRun()).containsExactly("create c");
        assertThat(result.steps()).extracting(WorkflowResult.StepOutcome::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.NOT_RUN);
        assertThat(runs).containsExactly("a", "b");
        assertThat(result.toString()).contains("Workflow FAILED at create b").contains("not run");
    }

    @Test
    void orThrowRaisesStepFailedExceptionWithTheCause() {
        WorkflowResult result = Workflow.of(failsUntilFixed("x", Set.of())).run();

        assertThatThrownBy(result::orThrow)
                .isInstanceOf(StepFailedException.class)
                .hasMessage("step 'create x' failed: disk full while creating x")
                .hasCauseInstanceOf(GantryException.class)
                .satisfies(e -> assertThat(((StepFailedException) e).step()).isEqualTo("create x"));
    }

    @Test
    void aSecondRunResumesAfterTheLastDoneStep() {
        Set<String> fixed = new LinkedHashSet<>();
        Workflow workflow = Workflow.of(creates("a"), failsUntilFixed("b", fixed), creates("c"));
        assertThat(workflow.run().failedStep()).contains("create b");
        fixed.add("b");
        runs.clear();

        WorkflowResult second = workflow.run();

        assertThat(second.ok()).isTrue();
        assertThat(second.skipped()).containsExactly("create a");
        assertThat(second.ran()).containsExactly("create b", "create c");
        assertThat(runs).containsExactly("b", "c");
        assertThat(workflow.run().skipped()).hasSize(3);
    }

    @Test
    void dryRunListsDoneAndPendingStepsWithoutRunningAnything() {
        world.add("a");
        Step broken = Step.of("probe", ctx -> {
            throw new GantryException("cannot reach db-1");
        }, ctx -> runs.add("probe"));

        WorkflowPlan plan = Workflow.of(creates("a"), creates("b"), broken).dryRun();

        assertThat(plan.done()).containsExactly("create a");
        assertThat(plan.toRun()).containsExactly("create b", "probe");
        assertThat(plan.upToDate()).isFalse();
        assertThat(plan.toString()).isEqualTo("""
                Plan: 2 to run, 1 done
                  done   create a
                  run    create b
                  unknown probe (check failed: cannot reach db-1)""");
        assertThat(runs).isEmpty();
    }

    @Test
    void dryRunContextSaysSoSoChecksCanStayReadOnly() {
        List<Boolean> seen = new ArrayList<>();
        Step step = Step.of("look", ctx -> seen.add(ctx.dryRun()), ctx -> { });

        Workflow.of(step).dryRun();
        Workflow.of(step).run();

        assertThat(seen).containsExactly(true, false);
    }

    @Test
    void retriesTheFailuresItsPredicateAcceptsAndReportsEachRetry() {
        AtomicInteger calls = new AtomicInteger();
        Step flaky = Step.of("add member", ctx -> false, ctx -> {
            if (calls.incrementAndGet() < 3) {
                throw new GantryException("device or resource busy");
            }
        }).withRetry(Retry.when(5, Duration.ZERO, BUSY));
        CollectingProgress progress = new CollectingProgress();

        WorkflowResult result = Workflow.of(flaky).run(progress);

        assertThat(result.ok()).isTrue();
        assertThat(result.steps().get(0).attempts()).isEqualTo(3);
        assertThat(progress.kinds()).containsExactly(Kind.STARTED, Kind.RETRIED, Kind.RETRIED, Kind.SUCCEEDED);
        assertThat(progress.events().get(1).message()).contains("resource busy");
        assertThat(progress.events().get(1).attempt()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        Step flaky = Step.of("restart", ctx -> false, ctx -> {
            calls.incrementAndGet();
            throw new GantryException("mount: device or resource busy");
        }).withRetry(Retry.when(3, Duration.ZERO, BUSY));

        WorkflowResult result = Workflow.of(flaky).run();

        assertThat(calls).hasValue(3);
        assertThat(result.steps().get(0).attempts()).isEqualTo(3);
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("resource busy"));
    }

    @Test
    void abortOnStopsAtOnceEvenWhenTheRetryWouldRetryAnything() {
        AtomicInteger calls = new AtomicInteger();
        Step write = Step.of("put", ctx -> false, ctx -> {
            calls.incrementAndGet();
            throw new GantryException("cluster has no leader (while resource busy)");
        }).withRetry(Retry.when(5, Duration.ZERO, failure -> true).abortOn(f -> f.getMessage().contains("no leader")));

        WorkflowResult result = Workflow.of(write).run();

        assertThat(calls).hasValue(1);
        assertThat(result.failedStep()).contains("put");
    }

    @Test
    void severalAbortOnPredicatesAddUpAndOthersAreStillRetried() {
        Retry retry = Retry.when(5, Duration.ZERO, failure -> true)
                .abortOn(f -> f instanceof IllegalStateException)
                .abortOn(f -> String.valueOf(f.getMessage()).contains("fatal"));

        assertThat(retry.retries(new IllegalStateException("x"))).isFalse();
        assertThat(retry.retries(new GantryException("fatal: disk gone"))).isFalse();
        assertThat(retry.retries(new GantryException("busy"))).isTrue();
        assertThat(Retry.none().retries(new GantryException("busy"))).isFalse();
    }

    @Test
    void doesNotRetryFailuresItsPredicateRejects() {
        AtomicInteger calls = new AtomicInteger();
        Step step = Step.of("x", ctx -> false, ctx -> {
            calls.incrementAndGet();
            throw new GantryException("permission denied");
        }).withRetry(Retry.when(5, Duration.ZERO, BUSY));

        Workflow.of(step).run();

        assertThat(calls).hasValue(1);
    }

    @Test
    void aViolatedGuardFailsTheStepWithoutRunningOrRetryingIt() {
        AtomicInteger checks = new AtomicInteger();
        Guard never = ctx -> {
            checks.incrementAndGet();
            return Optional.of("certificate key expired");
        };
        Step join = creates("cp-2").withRetry(Retry.when(5, Duration.ZERO, f -> true)).guardedBy(never);

        WorkflowResult result = Workflow.of(join).run();

        assertThat(result.failureMessage()).contains("guard: certificate key expired");
        assertThat(checks).hasValue(1);
        assertThat(runs).isEmpty();
    }

    @Test
    void aGuardIsNotCheckedForAStepThatIsAlreadyDone() {
        world.add("cp-2");
        Step join = creates("cp-2").guardedBy(ctx -> Optional.of("would block"));

        assertThat(Workflow.of(join).run().skipped()).containsExactly("create cp-2");
    }

    @Test
    void stepsShareOutputsAndADoneStepCanRecordItsOutputFromIsDone() {
        Step produce = Step.of("find id", ctx -> {
            ctx.put("member.id", "8e9e05c52164694d");
            return true;
        }, ctx -> { });
        List<String> seen = new ArrayList<>();
        Step consume = Step.of("use id", ctx -> false, ctx -> seen.add(ctx.require("member.id")));

        Workflow.of(produce, consume).run().orThrow();

        assertThat(seen).containsExactly("8e9e05c52164694d");
    }

    @Test
    void aMissingOutputFailsNamingTheKey() {
        Step consume = Step.of("use id", ctx -> false, ctx -> ctx.require("member.id"));

        assertThat(Workflow.of(consume).run().failureMessage())
                .hasValueSatisfying(m -> assertThat(m).contains("no step recorded output 'member.id'"));
    }

    @Test
    void rejectsDuplicateStepNames() {
        assertThatThrownBy(() -> Workflow.of(creates("a"), creates("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'create a'");
    }

    @Test
    void consoleProgressPrintsOneLinePerEvent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        world.add("a");

        Workflow.of(creates("a"), failsUntilFixed("b", Set.of()))
                .run(Progress.console(new PrintStream(out, true, StandardCharsets.UTF_8)));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("skipped   create a (already done)");
        assertThat(lines.get(1)).isEqualTo("started   create b");
        assertThat(lines.get(2)).startsWith("FAILED    create b after ").endsWith(": disk full while creating b");
    }

    @Test
    void theReportHasOneFindingPerStepWithTheFailureAsTheCause() {
        world.add("a");

        Report report = Workflow.of(creates("a"), creates("b"), failsUntilFixed("c", Set.of()), creates("d"))
                .run().report();

        assertThat(report.title()).contains("workflow");
        assertThat(report.findings()).extracting(Finding::subject)
                .containsExactly("create a", "create b", "create c", "create d");
        assertThat(report.findings()).extracting(Finding::code).containsExactly(WorkflowResult.STEP_SKIPPED,
                WorkflowResult.STEP_DONE, WorkflowResult.STEP_FAILED, WorkflowResult.STEP_NOT_RUN);
        assertThat(report.findings()).extracting(Finding::severity)
                .containsExactly(Severity.PASS, Severity.PASS, Severity.FAIL, Severity.INFO);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("disk full while creating c");
            assertThat(f.remedy()).contains("run the workflow again");
        });
        assertThatThrownBy(report::orThrow).isInstanceOf(CheckFailedException.class)
                .hasMessageContaining("disk full while creating c");
    }

    @Test
    void theReportOfASuccessfulRunPasses() {
        Report report = Workflow.of(creates("a")).run().report();

        assertThat(report.ok()).isTrue();
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.message()).startsWith("ran in "));
    }

    @Test
    void decoratingAStepKeepsOneFlatStepAndChecksGuardsInOrder() {
        List<String> checked = new ArrayList<>();
        Step step = creates("x").withRetry(Retry.when(2, Duration.ZERO, BUSY))
                .guardedBy(ctx -> {
                    checked.add("first");
                    return Optional.empty();
                })
                .guardedBy(ctx -> {
                    checked.add("second");
                    return Optional.of("stop");
                });

        WorkflowResult result = Workflow.of(step).run();

        assertThat(step).isInstanceOf(ComposedStep.class);
        assertThat(step.retry().maxAttempts()).isEqualTo(2);
        assertThat(step.toString()).isEqualTo("Step[create x, Retry[2 attempts of selected failures, delay PT0S],"
                + " 2 guard(s)]");
        assertThat(checked).containsExactly("first", "second");
        assertThat(result.failureMessage()).contains("guard: stop");
        assertThat(runs).isEmpty();
    }

    @Test
    void aHandWrittenStepKeepsItsOwnRetryWhenGuarded() {
        Step own = new Step() {
            @Override
            public String name() {
                return "own";
            }

            @Override
            public boolean isDone(StepContext context) {
                return false;
            }

            @Override
            public void run(StepContext context) {
                runs.add("own");
            }

            @Override
            public Retry retry() {
                return Retry.when(4, Duration.ZERO, BUSY);
            }
        };

        Step guarded = own.guardedBy(ctx -> Optional.empty());
        Workflow.of(guarded).run().orThrow();

        assertThat(guarded.name()).isEqualTo("own");
        assertThat(guarded.retry().maxAttempts()).isEqualTo(4);
        assertThat(runs).containsExactly("own");
    }
}
