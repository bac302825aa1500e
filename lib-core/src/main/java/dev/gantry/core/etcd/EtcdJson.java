package dev.gantry.core.etcd;

import dev.gantry.core.ParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A strict reader of the JSON etcd prints, through its HTTP gateway and through {@code etcdctl -w
 * json} alike. Both send 64-bit numbers (the gateway as decimal strings, etcdctl as JSON numbers)
 * and leave out fields holding zero, false or empty values, so an absent optional field reads as
 * that default while a field of the wrong type fails with the field and what was expected.
 * Thread-safe.
 */
final class EtcdJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int SHOWN = 60;
    private static final String UNSIGNED = "0|[1-9][0-9]{0,19}";

    private final String source;

    private EtcdJson(String source) {
        this.source = source;
    }

    /** Parses {@code json} as one JSON value, failing with {@code source} and {@code expected}. */
    static Root read(String json, String source, String expected) {
        EtcdJson reader = new EtcdJson(source);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ParseException(source, 0, "", "expected " + expected + " but the text is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw ParseException.of(source, "expected " + expected + " but the text is empty");
        }
        return new Root(reader, tree);
    }

    /** A parsed document with the reader that names its source in failures. */
    record Root(EtcdJson reader, JsonNode tree) {
    }

    JsonNode object(JsonNode parent, String field, String hint) {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            throw wrong(field, "an object" + hint, node);
        }
        return node;
    }

    JsonNode array(JsonNode parent, String field, String expected, boolean required) {
        JsonNode node = parent.path(field);
        if (!required && (node.isMissingNode() || node.isNull())) {
            return MAPPER.createArrayNode();
        }
        if (!node.isArray() || (required && node.isEmpty())) {
            throw wrong(field, expected, node);
        }
        return node;
    }

    /** A required unsigned 64-bit id: a decimal string, or a JSON number as etcdctl prints it. */
    long unsigned(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            throw ParseException.of(source, "the answer has no '" + field + "'; expected etcd's JSON");
        }
        return unsignedValue(node, field);
    }

    long optionalUnsigned(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        return node.isMissingNode() || node.isNull() ? 0 : unsignedValue(node, field);
    }

    String text(JsonNode parent, String field, boolean required) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw ParseException.of(source, "the answer has no '" + field + "'; expected etcd's JSON");
            }
            return "";
        }
        if (!node.isString()) {
            throw wrong(field, "a string", node);
        }
        return node.asString();
    }

    List<String> texts(JsonNode parent, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array(parent, field, "an array of strings", false)) {
            if (!value.isString()) {
                throw wrong(field, "an array of strings", parent.path(field));
            }
            values.add(value.asString());
        }
        return List.copyOf(values);
    }

    boolean flag(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw wrong(field, "true or false", node);
        }
        return node.booleanValue();
    }

    ParseException wrong(String field, String expected, JsonNode node) {
        String where = field.isEmpty() ? "the answer" : "'" + field + "'";
        String text = node.isMissingNode() ? "absent" : node.toString();
        String shown = text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
        return ParseException.of(source, where + " should be " + expected + " but was " + shown);
    }

    private long unsignedValue(JsonNode node, String field) {
        String digits = node.isString() ? node.asString()
                : node.isIntegralNumber() ? node.bigIntegerValue().toString() : "";
        if (!digits.matches(UNSIGNED)) {
            throw wrong(field, "an unsigned 64-bit decimal such as \"18279440872267248588\"", node);
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw wrong(field, "a value below 2^64", node);
        }
    }
}
