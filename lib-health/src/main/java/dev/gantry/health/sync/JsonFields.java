package dev.gantry.health.sync;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Strict readers for the fields of a node's answer. Each names the call and the field and says
 * what was expected, so a wrong port or a changed API fails loudly instead of reading zeros.
 * Thread-safe.
 */
final class JsonFields {

    private static final int SHOWN = 60;
    /** 9999-12-31T23:59:59Z: a larger "seconds" value is most likely milliseconds. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private final HttpJson http;

    JsonFields(HttpJson http) {
        this.http = http;
    }

    /** A field holding a non-negative integer as a JSON number. */
    long count(JsonNode parent, String field, String call) {
        JsonNode node = present(parent, field, call);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw wrong(call, field, "a non-negative integer", node);
        }
        return node.longValue();
    }

    /** Like {@link #count} but absent or null gives empty. */
    OptionalLong optionalCount(JsonNode parent, String field, String call) {
        JsonNode node = parent.path(field);
        return node.isMissingNode() || node.isNull() ? OptionalLong.empty() : OptionalLong.of(count(parent, field, call));
    }

    /** A field holding a non-negative decimal integer as a JSON string, as CometBFT and the Beacon API send. */
    long decimalString(JsonNode parent, String field, String call) {
        JsonNode node = present(parent, field, call);
        if (node.isIntegralNumber()) {
            return count(parent, field, call);
        }
        String text = node.isString() ? node.asString() : "";
        if (!text.matches("0|[1-9][0-9]{0,18}")) {
            throw wrong(call, field, "a non-negative decimal integer string", node);
        }
        return parseLong(text, 10, call, field, node);
    }

    /** A field holding an Ethereum hex QUANTITY such as {@code "0x1b4"}. */
    long hexQuantity(JsonNode parent, String field, String call) {
        JsonNode node = present(parent, field, call);
        return hexQuantity(node, call + " " + field);
    }

    /**
     * A node holding an Ethereum hex QUANTITY such as {@code "0x1b4"}: a {@code 0x} prefix and at
     * least one hex digit, below 2^63. Leading zeros ({@code "0x01b4"}), which the spec forbids
     * but which do not change the value (execution-apis#40), are accepted.
     */
    long hexQuantity(JsonNode node, String what) {
        String text = node.isString() ? node.asString() : "";
        if (!text.matches("0x[0-9a-fA-F]{1,64}")) {
            throw http.failure(what + ": expected a hex quantity like \"0x1b4\" but was " + shown(node), null);
        }
        return parseLong(text.substring(2), 16, what, "", node);
    }

    /** A node holding a non-negative integer as a JSON number, e.g. a bare {@code result}. */
    long countValue(JsonNode node, String what) {
        if (node.isMissingNode() || node.isNull()) {
            throw http.failure(what + ": expected a non-negative integer but there was none", null);
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw wrong(what, "", "a non-negative integer below 2^63", node);
        }
        return node.longValue();
    }

    /**
     * A node holding a non-negative integer in any of the encodings nodes use: a JSON number,
     * a decimal string ({@code "1262196"}) or a 0x-hex string ({@code "0x1b4"}).
     */
    long anyCount(JsonNode node, String what) {
        if (node.isIntegralNumber()) {
            return countValue(node, what);
        }
        String text = node.isString() ? node.asString() : "";
        if (text.matches("0|[1-9][0-9]*")) {
            return parseLong(text, 10, what, "", node);
        }
        if (text.matches("0[xX][0-9a-fA-F]+")) {
            return parseLong(text.substring(2), 16, what, "", node);
        }
        throw wrong(what, "", "a non-negative integer (a JSON number, a decimal string or a 0x-hex string)", node);
    }

    /** A node holding a JSON boolean. */
    boolean flagValue(JsonNode node, String what) {
        if (!node.isBoolean()) {
            throw wrong(what, "", "true or false", node);
        }
        return node.booleanValue();
    }

    /** A field holding a JSON boolean. */
    boolean flag(JsonNode parent, String field, String call) {
        JsonNode node = present(parent, field, call);
        if (!node.isBoolean()) {
            throw wrong(call, field, "true or false", node);
        }
        return node.booleanValue();
    }

    /** Like {@link #flag} but absent or null gives empty. */
    Optional<Boolean> optionalFlag(JsonNode parent, String field, String call) {
        JsonNode node = parent.path(field);
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(flag(parent, field, call));
    }

    /**
     * A node holding a time: an RFC 3339 string, or whole seconds since the epoch in any
     * {@link #anyCount} encoding. Values too large to be seconds (after the year 9999, i.e.
     * milliseconds) are rejected rather than read as a date thousands of years ahead.
     */
    Instant timeValue(JsonNode node, String what) {
        if (node.isString() && node.asString().contains("T")) {
            try {
                return Instant.parse(node.asString());
            } catch (DateTimeParseException e) {
                throw wrong(what, "", "an RFC 3339 time such as 2025-02-12T22:10:10.53Z", node);
            }
        }
        long seconds = anyCount(node, what);
        if (seconds > MAX_EPOCH_SECOND) {
            throw wrong(what, "", "seconds since the epoch (not milliseconds)", node);
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** A field holding an RFC 3339 time stamp, if present. */
    Optional<Instant> optionalTime(JsonNode parent, String field, String call) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            throw wrong(call, field, "an RFC 3339 time such as 2025-02-12T22:10:10.53Z", node);
        }
        try {
            return Optional.of(Instant.parse(node.asString()));
        } catch (DateTimeParseException e) {
            throw wrong(call, field, "an RFC 3339 time such as 2025-02-12T22:10:10.53Z", node);
        }
    }

    /** An object the answer must contain. */
    JsonNode object(JsonNode parent, String field, String call) {
        JsonNode node = present(parent, field, call);
        if (!node.isObject()) {
            throw wrong(call, field, "an object", node);
        }
        return node;
    }

    private JsonNode present(JsonNode parent, String field, String call) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            throw http.failure(call + ": the answer has no '" + field + "' field; is this the right node family?",
                    null);
        }
        return node;
    }

    private long parseLong(String digits, int radix, String call, String field, JsonNode node) {
        BigInteger value = new BigInteger(digits, radix);
        if (value.bitLength() > 63) {
            throw wrong(call, field, "a value below 2^63", node);
        }
        return value.longValue();
    }

    private SyncSourceException wrong(String call, String field, String expected, JsonNode node) {
        String where = field.isEmpty() ? call : call + ": '" + field + "'";
        return http.failure(where + " should be " + expected + " but was " + shown(node), null);
    }

    /** The start of a node's JSON, for messages. */
    static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
    }
}
