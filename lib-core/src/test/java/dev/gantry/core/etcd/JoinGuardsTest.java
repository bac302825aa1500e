package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardsTest {

    private static final Instant UPLOADED = Instant.parse("2026-05-01T10:00:00Z");
    private static final StepContext CONTEXT = new StepContext(
            dev.gantry.core.exec.LocalExecutor.create(), false, Progress.silent());

    @Test
    void certificateKeyIsFreshUntilTheMarginBeforeTwoHours() {
        MutableClock clock = new MutableClock(UPLOADED);
        Guard guard = Guards.certificateKeyFresh(UPLOADED, clock);

        clock.advance(Duration.ofMinutes(109));
        assertThat(guard.violation(CONTEXT)).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(guard.violation(CONTEXT)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("expires at 2026-05-01T12:00:00Z")
                .contains("kubeadm init phase upload-certs --upload-certs"));
    }

    @Test
    void certificateKeyGuardReadsTheClockAtEachCheck() {
        MutableClock clock = new MutableClock(UPLOADED);
        Guard guard = Guards.certificateKeyFresh(UPLOADED, clock, Duration.ZERO);

        assertThat(guard.violation(CONTEXT)).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(guard.violation(CONTEXT)).isPresent();
    }

    @ParameterizedTest(name = "{0} voting, {1} healthy, {2} learners: join allowed {3}")
    @CsvSource({
        "1, 1, 0, true",
        "1, 0, 0, false",
        "2, 2, 0, true",
        "2, 1, 0, false",
        "3, 3, 0, true",
        "3, 2, 0, false",
        "4, 3, 0, true",
        "5, 4, 0, true",
        "5, 3, 0, false",
        "3, 3, 1, false",
    })
    void quorumAfterJoinCountsTheNewMemberAsDownAndLearnersAsBlocking(int voting, int healthy, int learners,
            boolean allowed) {
        Guard guard = Guards.quorumAfterJoin(ctx -> new Guards.Members(voting, healthy, learners));

        assertThat(guard.violation(CONTEXT).isEmpty()).isEqualTo(allowed);
    }

    @Test
    void quorumViolationSaysWhatToRepairFirst() {
        assertThat(Guards.quorumAfterJoin(new Guards.Members(3, 2, 0))).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("only 2 of 3 voting members are healthy; with the new member counted as down, "
                        + "4 members need 3 healthy. Repair or remove the failed members first"));
    }

    @Test
    void membersRejectsInconsistentCounts() {
        assertThatThrownBy(() -> new Guards.Members(3, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
