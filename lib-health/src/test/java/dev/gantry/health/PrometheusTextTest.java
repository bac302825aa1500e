package dev.gantry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.health.PrometheusText.Sample;
import dev.gantry.health.PrometheusText.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text exposition format 0.0.4, as prometheus.io/docs/instrumenting/exposition_formats/ specifies it. */
class PrometheusTextTest {

    @Test
    void aFamilyIsHelpThenTypeThenItsSamples() {
        String text = new PrometheusText().family("gantry_health_ready", Type.GAUGE, "Ready (1) or not (0).",
                List.of(Sample.of(1))).text();

        assertThat(text).isEqualTo("""
                # HELP gantry_health_ready Ready (1) or not (0).
                # TYPE gantry_health_ready gauge
                gantry_health_ready 1
                """);
    }

    @Test
    void labelsAreWrittenInOrderAndTheirValuesEscaped() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("check", "a\"b\\c\nd");
        labels.put("status", "UP");

        String text = new PrometheusText().family("m", Type.GAUGE, "h", List.of(new Sample(labels, 2))).text();

        assertThat(text).endsWith("m{check=\"a\\\"b\\\\c\\nd\",status=\"UP\"} 2\n");
    }

    @Test
    void helpTextEscapesBackslashAndLineFeedButNotQuotes() {
        assertThat(PrometheusText.escapeHelp("a\\b\n\"c\"")).isEqualTo("a\\\\b\\n\"c\"");
    }

    @Test
    void countersAreTypedCounterAndMustEndInTotal() {
        String text = new PrometheusText().family("x_total", Type.COUNTER, "h", List.of(Sample.of(3))).text();

        assertThat(text).contains("# TYPE x_total counter\n");
        assertThatThrownBy(() -> new PrometheusText().family("x_count", Type.COUNTER, "h", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("_total");
    }

    @Test
    void aFamilyWithoutSamplesIsLeftOutEntirely() {
        String text = new PrometheusText().family("a", Type.GAUGE, "h", List.of())
                .family("b", Type.GAUGE, "h", List.of(Sample.of(0))).text();

        assertThat(text).doesNotContain("# HELP a ").startsWith("# HELP b h\n");
    }

    @Test
    void valuesAreWholeNumbersWhenWholeAndSpecialValuesAsTheFormatSpellsThem() {
        assertThat(List.of(PrometheusText.format(12), PrometheusText.format(-3), PrometheusText.format(0.25),
                PrometheusText.format(Double.NaN), PrometheusText.format(Double.POSITIVE_INFINITY),
                PrometheusText.format(Double.NEGATIVE_INFINITY), PrometheusText.format(1e20)))
                .containsExactly("12", "-3", "0.25", "NaN", "+Inf", "-Inf", "1.0E20");
    }

    @Test
    void invalidMetricAndLabelNamesAreRejected() {
        assertThatThrownBy(() -> new PrometheusText().family("1bad", Type.GAUGE, "h", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1bad");
        assertThatThrownBy(() -> Sample.of("bad-label", "v", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad-label");
        assertThatThrownBy(() -> Sample.of("__reserved", "v", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
