package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.exec.LocalExecutor;
import dev.gantry.test.harness.MutableClock;
import dev.gantry.core.workflow.Guard;
import dev.gantry.core.workflow.StepContext;
import dev.gantry.core.workflow.StepContexts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JoinGuardsTest {

    private static final Instant UPLOADED = Instant.parse("2026-05-01T10:00:00Z");
    private static final StepContext CONTEXT = StepContexts.of(LocalExecutor.ofDefaults());

    @Test
    void certificateKeyIsFreshUntilTheMarginBeforeTwoHours() {
        MutableClock clock = new MutableClock(UPLOADED);
        Guard guard = JoinGuards.certificateKeyFresh(UPLOADED, clock);

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
        Guard guard = JoinGuards.certificateKeyFresh(UPLOADED, clock, Duration.ZERO);

        assertThat(guard.violation(CONTEXT)).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(guard.violation(CONTEXT)).isPresent();
    }

    @ParameterizedTest(name = "{0} voting, {1} healthy, {2} learners: join allowed {3}")
    @CsvSource({
        "0, 0, 0, false",
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
        Guard guard = JoinGuards.quorumAfterJoin(ctx -> view(voting, healthy, learners));

        assertThat(guard.violation(CONTEXT).isEmpty()).isEqualTo(allowed);
    }

    @Test
    void quorumViolationSaysWhatToRepairFirst() {
        assertThat(JoinGuards.quorumAfterJoin(ctx -> view(3, 2, 0)).violation(CONTEXT))
                .hasValueSatisfying(reason -> assertThat(reason).isEqualTo(QuorumGuard.QUORUM_AT_RISK
                        + ": only 2 of 3 voting members are healthy; with the new member counted as down, "
                        + "4 members need 3 healthy. Repair or remove the failed members first; unhealthy now: e3"));
    }

    @Test
    void aPendingLearnerBlocksTheJoinAndIsNamed() {
        assertThat(JoinGuards.quorumAfterJoin(ctx -> view(3, 3, 1)).violation(CONTEXT))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith(QuorumGuard.LEARNER_PRESENT
                        + ": learner l1 is not yet promoted"));
    }

    /** Voting members e1..eN, the first {@code healthy} of them healthy, plus healthy learners l1..lM. */
    private static EtcdClusterView view(int voting, int healthy, int learners) {
        List<EtcdMember> members = new ArrayList<>();
        Set<Long> up = new HashSet<>();
        for (int i = 1; i <= voting; i++) {
            members.add(EtcdMember.of(i, "e" + i, List.of(), List.of()));
            if (i <= healthy) {
                up.add((long) i);
            }
        }
        for (int i = 1; i <= learners; i++) {
            members.add(EtcdMember.of(100 + i, "l" + i, List.of(), List.of()).withLearner(true));
            up.add(100L + i);
        }
        return EtcdClusterView.of(members, up);
    }
}
