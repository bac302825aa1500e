package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void factoriesSetTheSeverityAndAnEmptyRemedyForPassAndInfo() {
        assertThat(Finding.pass("HA-OK", "cluster", "fine"))
                .isEqualTo(new Finding(Severity.PASS, "HA-OK", "cluster", "fine", ""));
        assertThat(Finding.info("HA-NOTE", "cluster", "note").severity()).isEqualTo(Severity.INFO);
        assertThat(Finding.warn("HA-LB", "lb", "single", "add one"))
                .isEqualTo(new Finding(Severity.WARN, "HA-LB", "lb", "single", "add one"));
        assertThat(Finding.fail("HA-QUORUM-EVEN", "cluster", "4 members", "add one").severity())
                .isEqualTo(Severity.FAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HA", "HA-QUORUM-EVEN", "RAID-MEMBER-FAILED", "SYNC-LAGGING", "R0-2X", "A1"})
    void acceptsStableCodes(String code) {
        assertThat(Finding.pass(code, "s", "m").code()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ha-quorum", "HA_QUORUM", "HA--QUORUM", "-HA", "HA-", "1HA", "HA QUORUM", "HÄ"})
    void rejectsMalformedCodesNamingThem(String code) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Finding.pass(code, "cluster", "message"))
                .withMessageContaining("'" + code + "'");
    }

    @Test
    void rejectsNullComponentsNamingTheField() {
        assertThatNullPointerException().isThrownBy(() -> new Finding(null, "A", "s", "m", ""))
                .withMessage("severity");
        assertThatNullPointerException().isThrownBy(() -> new Finding(Severity.PASS, null, "s", "m", ""))
                .withMessage("code");
        assertThatNullPointerException().isThrownBy(() -> new Finding(Severity.PASS, "A", null, "m", ""))
                .withMessage("subject");
        assertThatNullPointerException().isThrownBy(() -> new Finding(Severity.PASS, "A", "s", null, ""))
                .withMessage("message");
        assertThatNullPointerException().isThrownBy(() -> new Finding(Severity.PASS, "A", "s", "m", null))
                .withMessage("remedy");
    }

    @Test
    void rejectsBlankSubjectsAndMessages() {
        assertThatIllegalArgumentException().isThrownBy(() -> Finding.pass("A", " ", "m"))
                .withMessageContaining("subject");
        assertThatIllegalArgumentException().isThrownBy(() -> Finding.pass("A", "s", "\n"))
                .withMessageContaining("message");
    }

    @Test
    void withRemedyReturnsACopyWithOnlyTheRemedyChanged() {
        Finding original = Finding.fail("HA-QUORUM-EVEN", "cluster", "4 members", "");
        Finding copy = original.withRemedy("remove one member");

        assertThat(copy).isEqualTo(new Finding(Severity.FAIL, "HA-QUORUM-EVEN", "cluster", "4 members",
                "remove one member"));
        assertThat(original.hasRemedy()).isFalse();
        assertThat(copy.hasRemedy()).isTrue();
    }
}
