package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HaPolicyTest {

    @Test
    void defaultsRequireThreeToSevenOddMembersThatSurviveADomainLoss() {
        HaPolicy policy = HaPolicy.ofDefaults();

        assertThat(policy.minMembers()).isEqualTo(3);
        assertThat(policy.maxMembers()).isEqualTo(7);
        assertThat(policy.oddMembers()).isTrue();
        assertThat(policy.survivesDomainLoss()).isTrue();
    }

    @Test
    void singleNodeAcceptsOneMemberWithoutTheDomainRule() {
        HaPolicy policy = HaPolicy.singleNode();

        assertThat(policy.minMembers()).isEqualTo(1);
        assertThat(policy.oddMembers()).isTrue();
        assertThat(policy.survivesDomainLoss()).isFalse();
    }

    @Test
    void withCopiesChangeOneRuleEach() {
        HaPolicy policy = HaPolicy.ofDefaults().withMaxMembers(9).withMinMembers(5).withOddMembers(false)
                .withSurvivesDomainLoss(false);

        assertThat(policy).isEqualTo(new HaPolicy(5, 9, false, false));
        assertThat(HaPolicy.ofDefaults()).isEqualTo(new HaPolicy(3, 7, true, true));
    }

    @Test
    void rejectsBoundsThatCannotBeMet() {
        assertThatThrownBy(() -> HaPolicy.ofDefaults().withMinMembers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minMembers must be at least 1");
        assertThatThrownBy(() -> HaPolicy.ofDefaults().withMaxMembers(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMembers (2) must be at least minMembers (3)");
    }
}
