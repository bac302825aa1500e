package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Quorum arithmetic over a view, as the etcd FAQ's failure-tolerance table gives it. */
class EtcdClusterViewTest {

    private static List<EtcdMember> members(int count) {
        return LongStream.rangeClosed(1, count)
                .mapToObj(id -> EtcdMember.of(id, "e" + id, List.of(), List.of())).toList();
    }

    private static Set<Long> ids(long... ids) {
        return Arrays.stream(ids).boxed().collect(Collectors.toSet());
    }

    @Test
    void quorumIsAMajorityOfVotingMembers() {
        assertThat(EtcdClusterView.of(members(1), ids(1)).quorum()).isEqualTo(1);
        assertThat(EtcdClusterView.of(members(2), ids(1, 2)).quorum()).isEqualTo(2);
        assertThat(EtcdClusterView.of(members(3), ids(1, 2, 3)).quorum()).isEqualTo(2);
        assertThat(EtcdClusterView.of(members(4), ids(1, 2, 3, 4)).quorum()).isEqualTo(3);
        assertThat(EtcdClusterView.of(members(5), ids(1, 2, 3, 4, 5)).quorum()).isEqualTo(3);
        assertThat(EtcdClusterView.of(members(7), ids(1, 2, 3, 4, 5, 6, 7)).quorum()).isEqualTo(4);
    }

    @Test
    void toleratesCountsFurtherFailuresFromTheHealthyMembers() {
        assertThat(EtcdClusterView.of(members(5), ids(1, 2, 3, 4, 5)).tolerates()).isEqualTo(2);
        assertThat(EtcdClusterView.of(members(5), ids(1, 2, 3, 4)).tolerates()).isEqualTo(1);
        assertThat(EtcdClusterView.of(members(3), ids(1)).tolerates()).isZero();
        assertThat(EtcdClusterView.of(members(3), ids(1)).hasQuorum()).isFalse();
        assertThat(EtcdClusterView.of(members(3), ids(1, 2)).hasQuorum()).isTrue();
    }

    @Test
    void learnersDoNotVote() {
        List<EtcdMember> withLearner = new ArrayList<>(members(3));
        withLearner.add(EtcdMember.of(4, "l4", List.of(), List.of()).withLearner(true));

        EtcdClusterView view = EtcdClusterView.of(withLearner, ids(1, 2, 4));

        assertThat(view.voting()).hasSize(3);
        assertThat(view.learners()).extracting(EtcdMember::name).containsExactly("l4");
        assertThat(view.quorum()).isEqualTo(2);
        assertThat(view.healthyVoting()).isEqualTo(2);
    }

    @Test
    void membersAreFoundByNameAndByUnsignedId() {
        long big = Long.parseUnsignedLong("18279440872267248588");
        EtcdClusterView view = EtcdClusterView.of(List.of(EtcdMember.of(big, "e2", List.of(), List.of())), ids());

        assertThat(view.member("e2")).map(EtcdMember::id).hasValue(big);
        assertThat(view.member(big)).map(EtcdMember::name).hasValue("e2");
        assertThat(view.member("e9")).isEmpty();
    }
}
