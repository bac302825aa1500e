package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuorumTest {

    /** Majority and failure tolerance as tabulated in the etcd FAQ (v3.6), extended to 9. */
    @ParameterizedTest(name = "{0} members: quorum {1}, tolerates {2}")
    @CsvSource({"1,1,0", "2,2,0", "3,2,1", "4,3,1", "5,3,2", "6,4,2", "7,4,3", "8,5,3", "9,5,4"})
    void matchesTheEtcdQuorumTable(int members, int size, int tolerates) {
        Quorum quorum = Quorum.of(members);

        assertThat(quorum.members()).isEqualTo(members);
        assertThat(quorum.size()).isEqualTo(size);
        assertThat(quorum.tolerates()).isEqualTo(tolerates);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void survivesExactlyAsManyFailuresAsItTolerates(int members) {
        Quorum quorum = Quorum.of(members);

        assertThat(quorum.survivesWith(members - quorum.tolerates())).isTrue();
        assertThat(quorum.survivesWith(members - quorum.tolerates() - 1)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsFewerThanOneMember(int members) {
        assertThatThrownBy(() -> Quorum.of(members))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 voting member").hasMessageContaining(String.valueOf(members));
    }

    @Test
    void printsItsArithmetic() {
        assertThat(Quorum.of(5)).hasToString("Quorum[members=5, size=3, tolerates=2]");
        assertThat(Quorum.of(3)).isEqualTo(new Quorum(3)).isNotEqualTo(Quorum.of(4));
    }
}
