package com.example.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.health.CheckResult;
import dev.gantry.health.CheckSnapshot;
import dev.gantry.health.HealthCheck;
import dev.gantry.health.HealthService;
import dev.gantry.health.HealthSnapshot;
import dev.gantry.health.Status;
import dev.gantry.test.ReportTests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class HealthServiceTest {

    @TempDir
    Path dataDir;

    @Test
    void aNodeWithEnoughFreeSpaceIsReady() {
        try (HealthService health = service(new FreeSpaceCheck(dataDir, 0))) {
            HealthSnapshot snapshot = health.refreshNow();

            assertThat(snapshot.ready()).isTrue();
            assertThat(snapshot.check("data-dir")).get().extracting(CheckSnapshot::status).isEqualTo(Status.UP);
        }
    }

    @Test
    void aNodeWithoutFreeSpaceIsNotReadyButStaysLive() {
        try (HealthService health = service(new FreeSpaceCheck(dataDir, Long.MAX_VALUE))) {
            HealthSnapshot snapshot = health.refreshNow();

            assertThat(snapshot.ready()).isFalse();
            assertThat(snapshot.live()).isTrue();
            CheckResult result = snapshot.check("data-dir").orElseThrow().result();
            assertThat(result.reason()).contains("DISK-LOW");
            assertThat(result.details()).containsKey("freeBytes");
        }
    }

    @Test
    void aCheckThatThrowsMakesTheNodeNotReady() {
        try (HealthService health = service(() -> {
            throw new IllegalStateException("disk gone");
        })) {
            assertThat(health.refreshNow().ready()).isFalse();
        }
    }

    /** The snapshot's checks, as findings, in the CI server's test tab. */
    @TestFactory
    Stream<DynamicTest> everyReadinessCheckOfTheSnapshotIsUp() {
        try (HealthService health = service(new FreeSpaceCheck(dataDir, 0))) {
            return ReportTests.of(report(health.refreshNow()));
        }
    }

    private static HealthService service(HealthCheck check) {
        return HealthService.builder()
                .readiness("data-dir", check)
                .timeout(Duration.ofSeconds(5))
                .rise(1)
                .fall(1)
                .build();
    }

    private static Report report(HealthSnapshot snapshot) {
        return Report.of(snapshot.checks().stream()
                .map(check -> check.status().isReady()
                        ? Finding.pass("HEALTH-CHECK-UP", check.name(), check.result().message())
                        : Finding.fail("HEALTH-CHECK-DOWN", check.name(), check.result().message(),
                                "see the check's details: " + check.result().details()))
                .toList());
    }
}
