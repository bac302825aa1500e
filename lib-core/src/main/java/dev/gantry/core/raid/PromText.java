package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the samples of the Prometheus text exposition format (version 0.0.4) whose metric names
 * start with a prefix; every other line is checked for shape only.
 */
final class PromText {

    static final String EXPECTED = "Prometheus text format lines such as node_md_disks{device=\"md0\","
            + "state=\"active\"} 2, or # comments";

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})?[ \\t]+([^ \\t]+)([ \\t]+-?[0-9]{1,19})?[ \\t]*");
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,3})?");
    private static final Pattern LABEL = Pattern.compile("[ \\t]*([a-zA-Z_][a-zA-Z0-9_]*)[ \\t]*=[ \\t]*\"");

    /** One sample: a metric, its labels and its value. */
    record Sample(String name, Map<String, String> labels, double value, int line) {
        String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private PromText() {}

    /**
     * Returns the samples whose name starts with one of the prefixes, in text order.
     *
     * @return the samples whose name starts with one of the prefixes, in text order
     */
    static List<Sample> samples(String text, String source, List<String> prefixes) {
        List<Sample> samples = new ArrayList<>();
        List<String> lines = Input.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches()) {
                throw new ParseException(source, i + 1, line, "not a metric sample; expected " + EXPECTED);
            }
            String name = m.group(1);
            if (prefixes.stream().anyMatch(name::startsWith)) {
                Map<String, String> labels = m.group(2) == null ? Map.of() : labels(m.group(2), source, i + 1, line);
                samples.add(new Sample(name, labels, value(m.group(3), source, i + 1, line), i + 1));
            }
        }
        return samples;
    }

    private static Map<String, String> labels(String braces, String source, int line, String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        String body = braces.substring(1, braces.length() - 1);
        int at = 0;
        while (at < body.length()) {
            Matcher m = LABEL.matcher(body).region(at, body.length());
            if (!m.lookingAt()) {
                if (body.substring(at).isBlank()) {
                    break;
                }
                throw new ParseException(source, line, text, "malformed labels; expected name=\"value\" pairs");
            }
            StringBuilder value = new StringBuilder();
            int i = m.end();
            for (; i < body.length() && body.charAt(i) != '"'; i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    char e = body.charAt(++i);
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(c);
                }
            }
            if (i >= body.length()) {
                throw new ParseException(source, line, text, "a label value has no closing quote");
            }
            labels.put(m.group(1), value.toString());
            at = i + 1;
            while (at < body.length() && (body.charAt(at) == ',' || body.charAt(at) == ' ')) {
                at++;
            }
        }
        return labels;
    }

    private static double value(String text, String source, int line, String lineText) {
        try {
            return switch (text) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    if (!NUMBER.matcher(text).matches()) {
                        throw new NumberFormatException(text);
                    }
                    yield Double.parseDouble(text);
                }
            };
        } catch (NumberFormatException e) {
            throw new ParseException(source, line, lineText, "the value " + Input.quote(text) + " is not a"
                    + " number; expected " + EXPECTED, e);
        }
    }
}
