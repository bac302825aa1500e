package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void ordersSeveritiesFromBestToWorst() {
        assertThat(Severity.values()).containsExactly(Severity.PASS, Severity.INFO, Severity.WARN, Severity.FAIL);
    }

    @Test
    void failIsWorseThanWarnButNotThanItself() {
        assertThat(Severity.FAIL.isWorseThan(Severity.WARN)).isTrue();
        assertThat(Severity.FAIL.isWorseThan(Severity.FAIL)).isFalse();
        assertThat(Severity.PASS.isWorseThan(Severity.INFO)).isFalse();
    }
}
