package dev.gantry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.test.harness.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private HealthService service;

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    /** A check that returns the scripted results in order, then repeats the last one. */
    private static final class Scripted implements HealthCheck {
        private final Deque<CheckResult> results = new ArrayDeque<>();
        private CheckResult last = CheckResult.up();

        Scripted then(CheckResult result) {
            results.add(result);
            return this;
        }

        @Override
        public synchronized CheckResult check() {
            if (!results.isEmpty()) {
                last = results.poll();
            }
            return last;
        }
    }

    private HealthService service(HealthCheck readiness) {
        service = HealthService.builder().readiness("node", readiness).clock(clock)
                .interval(Duration.ofSeconds(5)).timeout(Duration.ofMillis(300)).rise(2).fall(3).build();
        return service;
    }

    private Status refresh() {
        clock.advance(Duration.ofSeconds(5));
        return service.refreshNow().check("node").orElseThrow().status();
    }

    private static CheckResult down() {
        return CheckResult.down("behind by 12 blocks").withReason("SYNC-LAGGING");
    }

    @Test
    void theFirstResultCountsAtOnceSoASyncedNodeIsReadyImmediately() {
        service(new Scripted().then(CheckResult.up()));

        HealthSnapshot snapshot = service.refreshNow();

        assertThat(snapshot.ready()).isTrue();
        assertThat(snapshot.readiness()).isEqualTo(Status.UP);
    }

    @Test
    void aReadyCheckBecomesNotReadyOnlyAfterFallConsecutiveFailures() {
        service(new Scripted().then(CheckResult.up()).then(down()).then(down()).then(down()));

        assertThat(List.of(refresh(), refresh(), refresh(), refresh()))
                .containsExactly(Status.UP, Status.UP, Status.UP, Status.DOWN);
    }

    @Test
    void aFailureStreakIsResetByOneGoodResult() {
        service(new Scripted().then(CheckResult.up()).then(down()).then(down()).then(CheckResult.up())
                .then(down()).then(down()));

        assertThat(List.of(refresh(), refresh(), refresh(), refresh(), refresh(), refresh()))
                .containsOnly(Status.UP);
    }

    @Test
    void aNotReadyCheckBecomesReadyOnlyAfterRiseConsecutiveSuccesses() {
        service(new Scripted().then(down()).then(CheckResult.up()).then(CheckResult.up()));

        assertThat(List.of(refresh(), refresh(), refresh())).containsExactly(Status.DOWN, Status.DOWN, Status.UP);
    }

    @Test
    void aChangeWithinTheReadySideIsImmediate() {
        service(new Scripted().then(CheckResult.up()).then(CheckResult.degraded("references unavailable")));

        assertThat(List.of(refresh(), refresh())).containsExactly(Status.UP, Status.DEGRADED);
    }

    @Test
    void whileHysteresisHoldsTheStatusTheDetailsAreTheLatest() {
        service(new Scripted().then(CheckResult.up().withDetail("lag", 0L)).then(down().withDetail("lag", 12L)));
        refresh();

        CheckSnapshot check = service.refreshNow().check("node").orElseThrow();

        assertThat(check.status()).isEqualTo(Status.UP);
        assertThat(check.result().details()).containsEntry("lag", 12L);
    }

    @Test
    void aThrowingCheckIsDownWithItsReasonAndTheCallerSeesNoException() {
        service(() -> {
            throw new IllegalStateException("RPC refused");
        });

        CheckSnapshot check = service.refreshNow().check("node").orElseThrow();

        assertThat(check.status()).isEqualTo(Status.DOWN);
        assertThat(check.result().reason()).contains("HEALTH-CHECK-FAILED");
        assertThat(check.result().message()).isEqualTo("IllegalStateException: RPC refused");
    }

    @Test
    void aCheckReturningNullIsDown() {
        service(() -> null);

        assertThat(service.refreshNow().check("node").orElseThrow().result().reason()).contains("HEALTH-CHECK-FAILED");
    }

    @Test
    void aHungCheckIsDownAtItsDeadlineAndIsNotStartedAgainWhileStuck() {
        AtomicBoolean release = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        service(() -> {
            calls.incrementAndGet();
            entered.countDown();
            while (!release.get()) {
                Thread.onSpinWait(); // ignores interrupts, like a blocking native call
            }
            return CheckResult.up();
        });
        try {
            CheckSnapshot first = service.refreshNow().check("node").orElseThrow();
            CheckSnapshot second = service.refreshNow().check("node").orElseThrow();

            assertThat(first.status()).isEqualTo(Status.DOWN);
            assertThat(first.result().reason()).contains("HEALTH-TIMEOUT");
            assertThat(first.result().message()).isEqualTo("no result within 300 ms");
            assertThat(second.result().reason()).contains("HEALTH-TIMEOUT");
            assertThat(calls).hasValue(1);
        } finally {
            release.set(true);
        }
    }

    @Test
    void aResultOlderThanTheMaxStalenessIsServedAsUnknown() {
        service(new Scripted().then(CheckResult.up()));
        service.refreshNow();

        clock.advance(Duration.ofSeconds(17)); // 3 × 5 s + 300 ms is the default
        HealthSnapshot snapshot = service.snapshot();

        assertThat(snapshot.ready()).isFalse();
        assertThat(snapshot.check("node").orElseThrow().status()).isEqualTo(Status.UNKNOWN);
        assertThat(snapshot.check("node").orElseThrow().result().reason()).contains("HEALTH-STALE");
    }

    @Test
    void beforeTheFirstRunTheNodeIsNotReadyButAlive() {
        service(new Scripted());

        HealthSnapshot snapshot = service.snapshot();

        assertThat(snapshot.ready()).isFalse();
        assertThat(snapshot.live()).isTrue();
        assertThat(snapshot.check("node").orElseThrow().result().reason()).contains("HEALTH-NOT-RUN");
    }

    @Test
    void livenessStaysUpWhileTheNodeSyncs() {
        service(new Scripted().then(CheckResult.down("syncing").withReason("SYNC-SYNCING")));

        HealthSnapshot snapshot = service.refreshNow();

        assertThat(snapshot.ready()).isFalse();
        assertThat(snapshot.live()).isTrue();
    }

    @Test
    void livenessFailsWhenTheEvaluatorStopsTicking() {
        service(new Scripted());
        service.refreshNow();

        clock.advance(Duration.ofSeconds(16));

        assertThat(service.snapshot().liveness()).isEqualTo(Status.DOWN);
    }

    @Test
    void aDownLivenessCheckFailsLivenessButNotReadiness() {
        service = HealthService.builder().clock(clock).readiness("node", CheckResult::up)
                .liveness("disk", () -> CheckResult.down("data volume is read-only")).build();

        HealthSnapshot snapshot = service.refreshNow();

        assertThat(snapshot.live()).isFalse();
        assertThat(snapshot.ready()).isTrue();
        assertThat(snapshot.checks(CheckGroup.LIVENESS)).extracting(CheckSnapshot::name).containsExactly("disk");
    }

    @Test
    void transitionsAreCounted() {
        service(new Scripted().then(CheckResult.up()).then(down()).then(down()).then(down()));

        refresh();
        refresh();
        refresh();
        refresh();

        assertThat(service.snapshot().check("node").orElseThrow().transitions()).isEqualTo(2); // UNKNOWN→UP→DOWN
    }

    @Test
    void startedInTheBackgroundItRunsChecksOnItsOwn() {
        AtomicInteger calls = new AtomicInteger();
        service = HealthService.builder().readiness("node", () -> {
            calls.incrementAndGet();
            return CheckResult.up();
        }).interval(Duration.ofMillis(50)).build().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);
        assertThat(service.snapshot().ready()).isTrue();
    }

    @Test
    void afterCloseTheProcessIsNoLongerLive() {
        service(new Scripted());
        service.refreshNow();

        service.close();

        assertThat(service.snapshot().live()).isFalse();
        assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBuilderNamesTheWrongArgument() {
        HealthService.Builder builder = HealthService.builder();
        assertThatThrownBy(() -> builder.interval(Duration.ZERO)).hasMessageContaining("interval");
        assertThatThrownBy(() -> builder.rise(0)).hasMessageContaining("rise");
        assertThatThrownBy(() -> builder.readiness("Node Sync", CheckResult::up)).hasMessageContaining("Node Sync");
        builder.readiness("node", CheckResult::up);
        assertThatThrownBy(() -> builder.liveness("node", CheckResult::up)).hasMessageContaining("already registered");
        assertThatThrownBy(() -> builder.interval(Duration.ofSeconds(10)).maxStaleness(Duration.ofSeconds(5)).build())
                .hasMessageContaining("maxStaleness");
    }
}
