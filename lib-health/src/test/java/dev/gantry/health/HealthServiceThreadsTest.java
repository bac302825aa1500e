package dev.gantry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthServiceThreadsTest {

    @Test
    void leavesNoThreadBehindAfterClose() throws InterruptedException {
        LiveThreads threads = LiveThreads.now();
        CountDownLatch never = new CountDownLatch(1);
        HealthCheck slow = () -> {
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.up();
        };
        HealthService service = HealthService.builder().readiness("fast", CheckResult::up).readiness("slow", slow)
                .interval(Duration.ofMillis(50)).timeout(Duration.ofMillis(100)).build().start();

        HealthSnapshot snapshot = service.refreshNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> service.snapshot().check("fast").orElseThrow()
                .checkedAt().isPresent());
        service.close();

        assertThat(snapshot.check("slow").orElseThrow().result().reason()).contains("HEALTH-TIMEOUT");
        await("threads of the closed HealthService to end").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(threads.startedSince()).isEmpty());
        assertThat(LiveThreads.named("FailsafeDelayScheduler")).isEmpty();
    }
}
