package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

class SecretTest {

    private static final String VALUE = "hunter2-s3cr3t";

    record Credentials(String user, Secret password) {
    }

    @Test
    void revealReturnsTheValue() {
        assertThat(Secret.of(VALUE).reveal()).isEqualTo(VALUE);
    }

    @Test
    void toStringShowsNeitherTheValueNorItsLength() {
        assertThat(Secret.of(VALUE)).hasToString("Secret[****]");
        assertThat(Secret.of("x").toString()).isEqualTo(Secret.of(VALUE).toString());
    }

    @Test
    void formattedStringsAndRecordsDoNotShowTheValue() {
        Secret secret = Secret.of(VALUE);

        assertThat(String.valueOf(secret)).doesNotContain(VALUE);
        assertThat("password=%s".formatted(secret)).isEqualTo("password=Secret[****]");
        assertThat("password=" + secret).doesNotContain(VALUE);
        assertThat(new Credentials("root", secret).toString()).doesNotContain(VALUE);
    }

    @Test
    void jacksonWritesTheMaskInsteadOfTheValue() {
        String json = JsonMapper.builder().build().writeValueAsString(new Credentials("root", Secret.of(VALUE)));

        assertThat(json).isEqualTo("{\"user\":\"root\",\"password\":\"****\"}");
    }

    @Test
    void loggingThroughSlf4jDoesNotShowTheValue() {
        Logger log = LoggerFactory.getLogger(SecretTest.class);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            log.warn("logging in with {} and {}", Secret.of(VALUE), new Credentials("root", Secret.of(VALUE)));
        } finally {
            System.setErr(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("logging in with Secret[****]")
                .doesNotContain(VALUE);
    }

    @Test
    void exceptionMessagesBuiltFromSecretsDoNotShowTheValue() {
        Secret secret = Secret.of(VALUE);
        Report report = Report.of(Finding.fail("ETCD-AUTH", "etcd", "login with " + secret + " refused", ""));

        assertThatExceptionOfType(CheckFailedException.class).isThrownBy(report::orThrow)
                .withMessageNotContaining(VALUE);
        assertThat(new StepFailedException("login", "token " + secret + " rejected")).hasMessageNotContaining(VALUE);
        assertThat(report.toJson()).doesNotContain(VALUE);
    }

    @Test
    void equalsComparesValuesAndHashCodeIsTheSameForAll() {
        assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE + "x"));
        assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of(VALUE).hashCode());
        assertThat(Secret.of(VALUE).hashCode()).isNotEqualTo(VALUE.hashCode());
    }

    @Test
    void isNotJavaSerializable() {
        assertThat(Secret.of(VALUE)).isNotInstanceOf(Serializable.class);
    }

    @Test
    void rejectsEmptyAndNullValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> Secret.of(""));
        assertThatNullPointerException().isThrownBy(() -> Secret.of(null)).withMessage("value");
    }

    @Test
    void readsTheValueFromTheEnvironment() {
        Secret secret = Secret.fromEnv("ETCD_PASSWORD", Map.of("ETCD_PASSWORD", VALUE)::get);

        assertThat(secret.reveal()).isEqualTo(VALUE);
    }

    @Test
    void namesAnUnsetOrEmptyVariableWithoutShowingAnyValue() {
        assertThatExceptionOfType(GantryException.class)
                .isThrownBy(() -> Secret.fromEnv("ETCD_PASSWORD", Map.<String, String>of()::get))
                .withMessageContaining("ETCD_PASSWORD")
                .withMessageContaining("not set");
        assertThatExceptionOfType(GantryException.class)
                .isThrownBy(() -> Secret.fromEnv("ETCD_PASSWORD", Map.of("ETCD_PASSWORD", "")::get))
                .withMessageContaining("ETCD_PASSWORD")
                .withMessageContaining("empty");
    }

    @Test
    void fromEnvReadsTheRealEnvironment() {
        String unset = "GANTRY_TEST_SURELY_UNSET_" + System.nanoTime();

        assertThatExceptionOfType(GantryException.class).isThrownBy(() -> Secret.fromEnv(unset))
                .withMessageContaining(unset);
        System.getenv().entrySet().stream().filter(e -> !e.getValue().isEmpty()).findFirst()
                .ifPresent(e -> assertThat(Secret.fromEnv(e.getKey()).reveal()).isEqualTo(e.getValue()));
    }
}
