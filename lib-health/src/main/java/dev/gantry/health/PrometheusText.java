package dev.gantry.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: per metric family a
 * {@code # HELP} and a {@code # TYPE} line, then its samples, with label values and help text
 * escaped as the format requires. A family without samples is left out entirely. Not
 * thread-safe; one writer per response.
 *
 * <pre>{@code
 * # HELP gantry_health_ready Whether the node is ready for traffic (1) or not (0).
 * # TYPE gantry_health_ready gauge
 * gantry_health_ready 1
 * }</pre>
 */
final class PrometheusText {

    /** The {@code Content-Type} of the format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** The metric types this writer emits. */
    enum Type {
        GAUGE, COUNTER;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One sample: label pairs in order and a value.
     *
     * @param labels label names to values, in the order written
     * @param value the value
     */
    record Sample(Map<String, String> labels, double value) {

        Sample {
            labels.forEach((name, labelValue) -> {
                if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                    throw new IllegalArgumentException("invalid Prometheus label name: " + name);
                }
                Objects.requireNonNull(labelValue, () -> "value of label " + name);
            });
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        static Sample of(double value) {
            return new Sample(Map.of(), value);
        }

        static Sample of(String label, String labelValue, double value) {
            return new Sample(Map.of(label, labelValue), value);
        }
    }

    private final StringBuilder out = new StringBuilder(1024);

    /**
     * Writes one family; nothing when {@code samples} is empty.
     *
     * @param name the metric name; a counter's must end in {@code _total}
     * @param type gauge or counter
     * @param help one line of help text
     * @param samples the samples
     * @return this writer
     */
    PrometheusText family(String name, Type type, String help, List<Sample> samples) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid Prometheus metric name: " + name);
        }
        if (type == Type.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name must end in _total: " + name);
        }
        if (samples.isEmpty()) {
            return this;
        }
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type.word()).append('\n');
        for (Sample sample : samples) {
            out.append(name);
            appendLabels(sample.labels());
            out.append(' ').append(format(sample.value())).append('\n');
        }
        return this;
    }

    /** Returns everything written so far. */
    String text() {
        return out.toString();
    }

    private void appendLabels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(label.getKey()).append("=\"").append(escapeLabelValue(label.getValue())).append('"');
        }
        out.append('}');
    }

    /**
     * Returns the value with backslash, double quote and line feed escaped.
     *
     * @param value a label value
     * @return the value with backslash, double quote and line feed escaped
     */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /**
     * Returns the text with backslash and line feed escaped.
     *
     * @param help help text
     * @return the text with backslash and line feed escaped
     */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /**
     * Returns whole numbers without a fraction, {@code NaN}, {@code +Inf} and {@code -Inf} as the format spells them, other numbers in Java's shortest round-trip form.
     *
     * @param value a sample value
     * @return whole numbers without a fraction, {@code NaN}, {@code +Inf} and {@code -Inf} as the
     *     format spells them, other numbers in Java's shortest round-trip form
     */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
