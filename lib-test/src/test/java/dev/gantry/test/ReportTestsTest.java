package dev.gantry.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

class ReportTestsTest {

    /** Runs through the real JUnit engine by {@link #runsEveryFindingAsItsOwnTest()}. */
    static class SampleReport {
        @TestFactory
        Stream<DynamicTest> findings() {
            return ReportTests.of(Report.of(
                    Finding.pass("RAID-LEVEL", "node-1 md0", "raid0 as expected"),
                    Finding.info("CARVE-ROUNDED", "pvc data-db-0", "rounded up by 4 MiB"),
                    Finding.warn("SYNC-LAGGING", "node-2", "3 blocks behind", "wait"),
                    Finding.fail("HA-QUORUM-EVEN", "cluster", "4 members tolerate 1 failure",
                            "add or remove one control-plane machine")));
        }
    }

    private static Events run() {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(SampleReport.class, "findings"))
                .execute()
                .testEvents();
    }

    @Test
    void runsEveryFindingAsItsOwnTestNamedByCodeAndSubject() {
        List<String> names = run().started().stream()
                .map(event -> event.getTestDescriptor().getDisplayName())
                .toList();

        assertThat(names).containsExactly("RAID-LEVEL node-1 md0", "CARVE-ROUNDED pvc data-db-0",
                "SYNC-LAGGING node-2", "HA-QUORUM-EVEN cluster");
    }

    @Test
    void failsFailAbortsWarnAndPassesTheRest() {
        Events events = run();

        assertThat(events.succeeded().count()).isEqualTo(2);
        assertThat(events.aborted().count()).isEqualTo(1);
        assertThat(events.failed().count()).isEqualTo(1);
        assertThat(name(events.aborted().stream().findFirst().orElseThrow()))
                .isEqualTo("SYNC-LAGGING node-2");
    }

    @Test
    void aFailedTestCarriesTheMessageAndTheRemedy() {
        Event failed = run().failed().stream().findFirst().orElseThrow();
        Throwable cause = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .orElseThrow();

        assertThat(cause).isInstanceOf(AssertionError.class)
                .hasMessageContaining("4 members tolerate 1 failure")
                .hasMessageContaining("remedy: add or remove one control-plane machine");
    }

    @Test
    void anEmptyReportGivesNoTest() {
        assertThat(ReportTests.of(Report.empty())).isEmpty();
    }

    private static String name(Event event) {
        return event.getTestDescriptor().getDisplayName();
    }
}
