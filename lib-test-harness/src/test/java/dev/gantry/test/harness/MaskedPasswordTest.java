package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedPasswordTest {

    @Test
    void printsAsAMaskAloneAndInsideCollections() {
        MaskedPassword password = MaskedPassword.of("hunter2");

        assertThat(password).hasToString("****");
        assertThat(List.of(password).toString()).isEqualTo("[****]").doesNotContain("hunter2");
        assertThat(password.reveal()).isEqualTo("hunter2");
    }

    @Test
    void randomPasswordsDifferFromEachOther() {
        assertThat(MaskedPassword.random()).isNotEqualTo(MaskedPassword.random());
    }

    @Test
    void equalClearTextsAreEqual() {
        assertThat(MaskedPassword.of("a")).isEqualTo(MaskedPassword.of("a")).hasSameHashCodeAs(MaskedPassword.of("a"));
    }

    @Test
    void rejectsAnEmptyPassword() {
        assertThatThrownBy(() -> MaskedPassword.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a password must not be empty");
    }
}
