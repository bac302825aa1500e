package dev.gantry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckResultFindingTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @ParameterizedTest
    @CsvSource({"UP, PASS", "DEGRADED, WARN", "DOWN, FAIL", "UNKNOWN, WARN"})
    void mapsEveryStatusToItsSeverity(Status status, Severity severity) {
        Finding finding = new CheckResult(status, "seen", Map.of()).toFinding("node-1");

        assertThat(finding.severity()).isEqualTo(severity);
        assertThat(finding.code()).isEqualTo("HEALTH-" + status.name());
        assertThat(finding.subject()).isEqualTo("node-1");
        assertThat(finding.message()).isEqualTo("seen");
        assertThat(finding.hasRemedy()).isEqualTo(status != Status.UP);
    }

    @Test
    void theReasonCodeBecomesTheFindingCodeWithItsRemedy() {
        Finding finding = CheckResult.down("1880 blocks behind").withReason("SYNC-LAGGING").toFinding("litecoin-1");

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.code()).isEqualTo("SYNC-LAGGING");
        assertThat(finding.message()).isEqualTo("1880 blocks behind");
        assertThat(finding.remedy()).contains("catch up");
    }

    @Test
    void anUnknownReasonGetsAGeneralRemedy() {
        Finding finding = CheckResult.degraded("slow disk").withReason("DISK-SLOW").toFinding("node-1");

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.remedy()).isNotBlank();
    }

    @Test
    void aBlankMessageBecomesTheStatusName() {
        assertThat(CheckResult.up("").toFinding("node-1").message()).isEqualTo("up");
    }

    @Test
    void rejectsABlankSubject() {
        assertThatThrownBy(() -> CheckResult.up().toFinding(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject");
    }

    @Test
    void aSnapshotReportHasOneFindingPerCheckAndFailsWhenNotReady() {
        HealthSnapshot snapshot = new HealthSnapshot(Status.DOWN, Status.UP, List.of(
                check("node", CheckGroup.READINESS, Status.DOWN, CheckResult.down("syncing").withReason("SYNC-SYNCING")),
                check("process", CheckGroup.LIVENESS, Status.UP, CheckResult.up())), NOW);

        Report report = snapshot.report();

        assertThat(report.findings()).extracting(Finding::severity, Finding::code, Finding::subject).containsExactly(
                Tuple.tuple(Severity.FAIL, "SYNC-SYNCING", "node"),
                Tuple.tuple(Severity.PASS, "HEALTH-UP", "process"));
        assertThat(report.ok()).isFalse();
        assertThat(report.title()).hasValueSatisfying(title -> assertThat(title).contains("not ready"));
    }

    @Test
    void aSnapshotReportFollowsTheStatusHysteresisHolds() {
        HealthSnapshot snapshot = new HealthSnapshot(Status.UP, Status.UP, List.of(
                check("node", CheckGroup.READINESS, Status.UP, CheckResult.down("lagging").withReason("SYNC-LAGGING"))),
                NOW);

        Finding finding = snapshot.report().findings().get(0);

        assertThat(finding.severity()).isEqualTo(Severity.PASS);
        assertThat(finding.code()).isEqualTo("HEALTH-UP");
        assertThat(finding.message()).contains("latest run DOWN SYNC-LAGGING").contains("hysteresis");
    }

    @Test
    void aSnapshotReportNamesAStuckEvaluator() {
        HealthSnapshot snapshot = new HealthSnapshot(Status.UP, Status.DOWN, List.of(), NOW);

        assertThat(snapshot.report().findings()).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.FAIL);
            assertThat(finding.code()).isEqualTo("HEALTH-EVALUATOR-STUCK");
        });
    }

    @Test
    void aRunningServicesReportJoinsOtherReports() {
        try (HealthService service = HealthService.builder().readiness("node", CheckResult::up).build()) {
            Report report = service.refreshNow().report().and(Report.of(Finding.pass("RAID-OK", "worker-3", "ok")));

            assertThat(report.ok()).isTrue();
            assertThat(report.findings()).extracting(Finding::code).containsExactly("HEALTH-UP", "RAID-OK");
        }
    }

    private static CheckSnapshot check(String name, CheckGroup group, Status status, CheckResult result) {
        return new CheckSnapshot(name, group, status, result, Optional.of(NOW), Duration.ofMillis(5), NOW, 1);
    }
}
