package dev.gantry.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.health.CheckResult;
import org.junit.jupiter.api.Test;

class ScriptedHealthCheckTest {

    @Test
    void answersTheScriptedResultsInOrderThenRepeatsTheLastAndCountsCalls() {
        CheckResult starting = CheckResult.down("starting");
        CheckResult up = CheckResult.up();
        ScriptedHealthCheck check = ScriptedHealthCheck.of(starting, up);

        assertThat(check.check()).isEqualTo(starting);
        assertThat(check.check()).isEqualTo(up);
        assertThat(check.check()).isEqualTo(up);
        assertThat(check.calls()).isEqualTo(3);
    }

    @Test
    void thenAppendsAfterTheResultsNotYetAnswered() {
        CheckResult degraded = CheckResult.degraded("slow");
        ScriptedHealthCheck check = ScriptedHealthCheck.of(CheckResult.up());
        check.check();

        check.then(degraded);

        assertThat(check.check()).isEqualTo(degraded);
    }

    @Test
    void hasNotBeenCalledBeforeItsFirstCheck() {
        assertThat(ScriptedHealthCheck.of(CheckResult.up()).calls()).isZero();
    }
}
