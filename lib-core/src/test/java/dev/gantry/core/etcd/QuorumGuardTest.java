package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.CheckFailedException;
import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The quorum projection of Cluster API's KubeadmControlPlane, member by member. */
class QuorumGuardTest {

    private static final EtcdMember E1 = member(1, "e1");
    private static final EtcdMember E2 = member(2, "e2");
    private static final EtcdMember E3 = member(3, "e3");
    private static final EtcdMember E4 = member(4, "e4");
    private static final EtcdMember E5 = member(5, "e5");
    /** An id above Long.MAX_VALUE, as real etcd ids are. */
    private static final EtcdMember LEARNER = member(Long.parseUnsignedLong("18279440872267248588"), "l1")
            .withLearner(true);
    private static final EtcdMember UNSTARTED = member(Long.parseUnsignedLong("9372538179322589801"), "");

    private static EtcdMember member(long id, String name) {
        return EtcdMember.of(id, name, List.of("http://10.0.0." + id + ":2380"),
                name.isEmpty() ? List.of() : List.of("http://10.0.0." + id + ":2379"));
    }

    private static QuorumGuard guard(List<EtcdMember> members, EtcdMember... healthy) {
        Set<Long> ids = Arrays.stream(healthy).map(EtcdMember::id).collect(Collectors.toSet());
        return QuorumGuard.of(EtcdClusterView.of(members, ids));
    }

    @Test
    void anyMemberOfAHealthyThreeMemberClusterMayBeRemovedOrRestarted() {
        QuorumGuard guard = guard(List.of(E1, E2, E3), E1, E2, E3);

        assertThat(guard.canRemove(E2)).isEqualTo(QuorumDecision.allow(QuorumGuard.SAFE,
                "while removing e2, 2 of 2 voting members would be healthy and quorum is 2"));
        assertThat(guard.canRestart(E2)).isEqualTo(QuorumDecision.allow(QuorumGuard.SAFE,
                "while restarting e2, 2 of 3 voting members would be healthy and quorum is 2"));
    }

    @Test
    void withOneOfThreeDownASecondHealthyMemberMayNeitherBeRemovedNorRestarted() {
        QuorumGuard guard = guard(List.of(E1, E2, E3), E1, E2);

        QuorumDecision remove = guard.canRemove(E1);
        assertThat(remove.allowed()).isFalse();
        assertThat(remove.code()).isEqualTo(QuorumGuard.QUORUM_AT_RISK);
        assertThat(remove.reason()).contains("1 of 2 voting members would be healthy and quorum is 2")
                .contains("unhealthy now: e3");
        assertThat(guard.canRestart(E1).allowed()).isFalse();
    }

    @Test
    void theMemberThatIsDownMayBeRemovedOrRestarted() {
        QuorumGuard guard = guard(List.of(E1, E2, E3), E1, E2);

        assertThat(guard.canRemove(E3).allowed()).isTrue();
        assertThat(guard.canRestart(E3).allowed()).isTrue();
    }

    @Test
    void aFiveMemberClusterWithOneDownToleratesRemovingAHealthyMemberButNotWithTwoDown() {
        List<EtcdMember> five = List.of(E1, E2, E3, E4, E5);

        assertThat(guard(five, E1, E2, E3, E4).canRemove(E1).allowed()).isTrue();
        assertThat(guard(five, E1, E2, E3).canRemove(E1).allowed()).isFalse();
        assertThat(guard(five, E1, E2, E3).canRestart(E1).allowed()).isFalse();
    }

    @Test
    void aMemberThatHasNotStartedCountsAsUnhealthyEvenIfListedHealthy() {
        QuorumGuard guard = guard(List.of(E1, E2, UNSTARTED), E1, E2, UNSTARTED);

        QuorumDecision decision = guard.canRemove(E1);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("1 of 2 voting members").contains("unstarted 8211f1d0f64f3269");
    }

    @Test
    void aLearnerBlocksRemovingAVotingMember() {
        QuorumGuard guard = guard(List.of(E1, E2, E3, LEARNER), E1, E2, E3, LEARNER);

        QuorumDecision decision = guard.canRemove(E3);

        assertThat(decision).isEqualTo(QuorumDecision.refuse(QuorumGuard.LEARNER_PRESENT,
                "learner l1 is present; promote or remove it before removing e3"));
    }

    @Test
    void theLearnerItselfMayBeRemovedOrRestartedSinceItHoldsNoVote() {
        QuorumGuard guard = guard(List.of(E1, E2, E3, LEARNER), E1, E2);

        assertThat(guard.canRemove(LEARNER).allowed()).isTrue();
        assertThat(guard.canRemove(LEARNER).code()).isEqualTo(QuorumGuard.LEARNER);
        assertThat(guard.canRestart(LEARNER).allowed()).isTrue();
    }

    @Test
    void aLearnerDoesNotCountTowardsQuorumForARestart() {
        QuorumGuard guard = guard(List.of(E1, E2, E3, LEARNER), E1, E2, LEARNER);

        assertThat(guard.canRestart(E1).allowed()).isFalse();
    }

    @Test
    void theLastVotingMemberIsNeverRemovedAndRestartingItLosesQuorum() {
        QuorumGuard guard = guard(List.of(E1), E1);

        assertThat(guard.canRemove(E1).code()).isEqualTo(QuorumGuard.LAST_MEMBER);
        assertThat(guard.canRemove(E1).allowed()).isFalse();
        assertThat(guard.canRestart(E1).allowed()).isFalse();
    }

    @Test
    void aTwoMemberClusterWithOneDownCannotCommitTheRemovalOfTheDeadOne() {
        QuorumGuard guard = guard(List.of(E1, E2), E1);

        QuorumDecision decision = guard.canRemove(E2);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.code()).isEqualTo(QuorumGuard.NO_QUORUM);
        assertThat(decision.reason()).contains("only 1 of 2 voting members are healthy");
    }

    @Test
    void aMemberOfAnotherClusterIsRefused() {
        QuorumGuard guard = guard(List.of(E1, E2, E3), E1, E2, E3);

        assertThat(guard.canRemove(E4).code()).isEqualTo(QuorumGuard.UNKNOWN_MEMBER);
        assertThat(guard.canRestart(E4).allowed()).isFalse();
    }

    @Test
    void orThrowStopsARunbookWithTheCodeAndReason() {
        QuorumGuard guard = guard(List.of(E1, E2, E3), E1, E2);

        assertThat(guard.canRemove(E3).orThrow().allowed()).isTrue();
        assertThatThrownBy(() -> guard.canRestart(E1).orThrow()).isInstanceOf(CheckFailedException.class)
                .hasMessageStartingWith("etcd quorum guard failed")
                .hasMessageContaining("ETCD-GUARD-QUORUM-AT-RISK  etcd quorum: while restarting e1, 1 of 3");
    }

    @Test
    void aRefusedDecisionFailsLikeAReportAndCarriesItsReport() {
        QuorumDecision refused = guard(List.of(E1, E2, E3), E1).canRemove(E2);

        assertThatThrownBy(refused::orThrow).isInstanceOfSatisfying(CheckFailedException.class, e -> {
            assertThat(e.report().failures()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(QuorumGuard.NO_QUORUM);
                assertThat(f.message()).isEqualTo(refused.reason());
                assertThat(f.hasRemedy()).isTrue();
            });
        });
    }

    @Test
    void decisionsJoinOtherResultsAsFindings() {
        QuorumDecision allowed = guard(List.of(E1, E2, E3), E1, E2, E3).canRestart(E1);
        Report combined = allowed.report().and(Report.of(Finding.pass("RAID-OK", "md0", "clean")));

        assertThat(allowed.toFinding("etcd prod")).isEqualTo(Finding.pass(QuorumGuard.SAFE, "etcd prod",
                allowed.reason()));
        assertThat(combined.ok()).isTrue();
        assertThat(combined.findings()).hasSize(2);
    }

    @Test
    void aJoinNeedsTheQuorumOfTheGrownClusterWithoutTheNewMember() {
        assertThat(guard(List.of(E1, E2, E3), E1, E2, E3).canJoin()).isEqualTo(QuorumDecision.allow(QuorumGuard.SAFE,
                "3 of 3 voting members are healthy; with the new member counted as down, 4 members need 3 healthy"));
        assertThat(guard(List.of(E1, E2, E3), E1, E2).canJoin().code()).isEqualTo(QuorumGuard.QUORUM_AT_RISK);
        assertThat(guard(List.of(E1), E1).canJoin().allowed()).isTrue();
        assertThat(guard(List.of(E1, E2, E3, LEARNER), E1, E2, E3, LEARNER).canJoin().code())
                .isEqualTo(QuorumGuard.LEARNER_PRESENT);
        assertThat(guard(List.of(E1, UNSTARTED), E1).canJoin().code()).isEqualTo(QuorumGuard.QUORUM_AT_RISK);
        assertThat(guard(List.of(), E1).canJoin().code()).isEqualTo(QuorumGuard.NO_MEMBERS);
    }

    @Test
    void aDecisionNeedsAReason() {
        assertThatThrownBy(() -> QuorumDecision.refuse("ETCD-GUARD-X", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }

    @Test
    void decisionCodesMustBeStableUpperCaseCodes() {
        assertThatThrownBy(() -> QuorumDecision.allow("safe", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ETCD-GUARD-SAFE");
    }
}
