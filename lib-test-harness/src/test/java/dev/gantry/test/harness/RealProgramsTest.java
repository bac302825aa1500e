package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@link RealPrograms} through the real JUnit engine: the nested classes are run by
 * {@link EngineTestKit} only, with shell processes standing in for real programs.
 */
class RealProgramsTest {

    private static final String MISSING = "gantry-no-such-program";

    /** Records what the sample tests saw, for the assertions after the run. */
    private static final List<RealProcess> STARTED = new ArrayList<>();
    private static final List<Boolean> SHARED_ALIVE_IN_TESTS = new ArrayList<>();

    static RealProcess.Builder sleeper(String name, String firstLine) {
        return RealProcess.builder(name)
                .command("/bin/sh", "-c", "echo " + firstLine + "; exec sleep 60")
                .readiness(Readiness.logLine(Pattern.compile(Pattern.quote(firstLine))), Duration.ofSeconds(10));
    }

    @RealPrograms
    static class StartsInATest {
        @Test
        void startsAProgram(RealProcesses processes) {
            RealProcess process = processes.start(sleeper("in-test", "started"));
            STARTED.add(process);
            assertThat(process.isAlive()).isTrue();
        }
    }

    @RealPrograms
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StartsBeforeAll {
        private static RealProcess shared;

        @BeforeAll
        static void startShared(RealProcesses processes) {
            shared = processes.start(sleeper("shared", "shared-up"));
            STARTED.add(shared);
        }

        @Test
        @Order(1)
        void first() {
            SHARED_ALIVE_IN_TESTS.add(shared.isAlive());
        }

        @Test
        @Order(2)
        void second() {
            SHARED_ALIVE_IN_TESTS.add(shared.isAlive());
        }
    }

    @RealPrograms
    static class FailsWithAProgramRunning {
        @Test
        void fails(RealProcesses processes) {
            processes.start(sleeper("witness", "a-line-only-the-log-has"));
            throw new AssertionError("the test failed");
        }
    }

    @RealPrograms
    static class NeedsAMissingProgram {
        @Test
        @RequiresProgram(value = MISSING, debianPackage = "gantry-pkg")
        void needsIt(RealProcesses processes) {
            processes.start(sleeper("never", "never"));
        }
    }

    @RealPrograms
    @RequiresProgram(value = MISSING, debianPackage = "gantry-pkg")
    static class WholeClassNeedsAMissingProgram {
        @Test
        void needsIt() {
            throw new AssertionError("must not run");
        }
    }

    @Test
    void injectsTheScopeIntoATestAndStopsWhatItStartedWhenTheTestEnds() {
        STARTED.clear();

        EngineExecutionResults results = run(StartsInATest.class, Optional.empty());

        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(STARTED).singleElement().satisfies(process -> {
            assertThat(process.isAlive()).isFalse();
            assertThat(process.workDir()).doesNotExist();
            assertThat(process.logFile()).hasParent(ItDirectories.logs().resolve("StartsInATest"));
        });
    }

    @Test
    void keepsWhatABeforeAllMethodReceivedForEveryTestAndStopsItAfterTheClass() {
        STARTED.clear();
        SHARED_ALIVE_IN_TESTS.clear();

        EngineExecutionResults results = run(StartsBeforeAll.class, Optional.empty());

        assertThat(results.testEvents().succeeded().count()).isEqualTo(2);
        assertThat(SHARED_ALIVE_IN_TESTS).containsExactly(true, true);
        assertThat(STARTED).singleElement().satisfies(process -> assertThat(process.isAlive()).isFalse());
    }

    @Test
    void attachesTheLogTailOfEveryRunningProgramToAFailedTest() {
        EngineExecutionResults results = run(FailsWithAProgramRunning.class, Optional.empty());

        Throwable failure = failureOf(results);
        assertThat(failure).hasMessage("the test failed");
        assertThat(failure.getSuppressed()).singleElement().satisfies(tail -> assertThat(tail.getMessage())
                .startsWith("last 20 lines of witness[")
                .contains("  | a-line-only-the-log-has"));
    }

    @Test
    void abortsATestWhoseProgramIsMissingNamingTheDebianPackage() {
        EngineExecutionResults results = run(NeedsAMissingProgram.class, Optional.of("abort"));

        assertThat(results.testEvents().aborted().count()).isEqualTo(1);
        assertThat(failureOf(results)).hasMessageContaining(MISSING + " not found")
                .hasMessageContaining("apt-get install -y gantry-pkg");
    }

    @Test
    void failsATestWhoseProgramIsMissingWhenMissingProgramsFailAsOnCi() {
        EngineExecutionResults results = run(NeedsAMissingProgram.class, Optional.of("fail"));

        assertThat(results.testEvents().failed().count()).isEqualTo(1);
        assertThat(failureOf(results)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI=true: missing programs fail the run");
    }

    @Test
    void abortsTheWholeClassWhenAProgramItDeclaresIsMissing() {
        EngineExecutionResults results = run(WholeClassNeedsAMissingProgram.class, Optional.of("abort"));

        assertThat(results.testEvents().started().count()).isZero();
        assertThat(results.containerEvents().aborted().count()).isEqualTo(1);
    }

    @Test
    void theConfigurationParameterOverridesTheCiVariableEitherWay() {
        assertThat(RealProgramsExtension.environment(Optional.of("fail"))).containsEntry("CI", "true");
        assertThat(RealProgramsExtension.environment(Optional.of(" abort "))).containsEntry("CI", "false");
        assertThat(RealProgramsExtension.environment(Optional.empty())).isEqualTo(System.getenv());
    }

    @Test
    void rejectsAnUnknownMissingProgramsPolicy() {
        assertThatThrownBy(() -> RealProgramsExtension.environment(Optional.of("skip")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(RealPrograms.MISSING_PROGRAMS + " must be fail or abort, got 'skip'");
    }

    private static EngineExecutionResults run(Class<?> testClass, Optional<String> missingPrograms) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass));
        missingPrograms.ifPresent(policy -> builder.configurationParameters(
                Map.of(RealPrograms.MISSING_PROGRAMS, policy)));
        return builder.execute();
    }

    private static Throwable failureOf(EngineExecutionResults results) {
        Event finished = results.testEvents().finished().stream().findFirst().orElseThrow();
        return finished.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
