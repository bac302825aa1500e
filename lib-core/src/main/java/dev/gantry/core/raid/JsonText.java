package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * One JSON document read into values that remember their line, so that every error of the tool
 * parsers can name it. Nesting is limited to {@value #MAX_DEPTH} levels. Not thread-safe; one per
 * document.
 */
final class JsonText {

    static final int MAX_DEPTH = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A JSON value with the 1-based line it starts on. */
    sealed interface Value permits Obj, Arr, Scalar, Null {
        /** @return the line the value starts on */
        int line();
    }

    /** An object; keys in document order. */
    record Obj(Map<String, Value> fields, int line) implements Value {
        Optional<Value> get(String key) {
            return Optional.ofNullable(fields.get(key));
        }
    }

    /** An array. */
    record Arr(List<Value> items, int line) implements Value {}

    /** A string, number or boolean as written (tools disagree on which they print). */
    record Scalar(String text, int line) implements Value {}

    /** {@code null}. */
    record Null(int line) implements Value {}

    private final String source;
    private final String text;

    JsonText(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** Reads the single JSON value of the text; syntax errors become {@link ParseException}s. */
    Value read(String expected) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw error(1, "no JSON value; expected " + expected);
            }
            Value root = value(parser, first, 1);
            if (parser.nextToken() != null) {
                throw error(line(parser), "more content after the JSON document; expected " + expected);
            }
            return root;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(0, at.getLineNr());
            String message = e.getOriginalMessage() == null ? "unknown problem" : e.getOriginalMessage();
            int newline = message.indexOf('\n');
            throw ParseException.atLine(source, text, line, "not valid JSON ("
                    + (newline < 0 ? message : message.substring(0, newline)) + "); expected " + expected, e);
        }
    }

    /** @return a parse error at a line, quoting that line */
    ParseException error(int line, String problem) {
        return error(line, problem, null);
    }

    /** @return a parse error at a line, quoting that line and keeping the cause */
    ParseException error(int line, String problem, Throwable cause) {
        return ParseException.atLine(source, text, line, problem, cause);
    }

    /** @return the value as an object, or an error naming what was expected */
    Obj object(Value value, String what) {
        if (value instanceof Obj obj) {
            return obj;
        }
        throw error(value.line(), what + " is not a JSON object; expected {...}");
    }

    /** @return the value as an array, or an error naming what was expected */
    Arr array(Value value, String what) {
        if (value instanceof Arr arr) {
            return arr;
        }
        throw error(value.line(), what + " is not a JSON array; expected [...]");
    }

    /** @return a field that must be present and an array */
    Arr requiredArray(Obj obj, String key, String expected) {
        Value value = obj.get(key).orElseThrow(() -> error(obj.line(), "no \"" + key + "\" field; expected "
                + expected));
        return array(value, "\"" + key + "\"");
    }

    /** @return the text of a string, number or boolean field; empty when absent or null */
    Optional<String> string(Obj obj, String key) {
        Value value = obj.fields().get(key);
        if (value == null || value instanceof Null) {
            return Optional.empty();
        }
        if (value instanceof Scalar scalar) {
            return Optional.of(scalar.text());
        }
        throw error(value.line(), "\"" + key + "\" is a JSON object or array; expected a plain value");
    }

    /** @return the line of a field's value, or the object's line when the field is absent */
    int lineOf(Obj obj, String key) {
        Value value = obj.fields().get(key);
        return value == null ? obj.line() : value.line();
    }

    private Value value(JsonParser parser, JsonToken token, int depth) {
        int line = line(parser);
        if (depth > MAX_DEPTH) {
            throw error(line, "JSON nested more than " + MAX_DEPTH + " levels deep; no tool output is");
        }
        return switch (token) {
            case START_OBJECT -> object(parser, line, depth);
            case START_ARRAY -> array(parser, line, depth);
            case VALUE_NULL -> new Null(line);
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                    new Scalar(parser.getString(), line);
            default -> throw error(line, "unexpected JSON token " + token);
        };
    }

    private Value object(JsonParser parser, int line, int depth) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (JsonToken t = next(parser); t != JsonToken.END_OBJECT; t = next(parser)) {
            String key = parser.currentName();
            int keyLine = line(parser);
            Value value = value(parser, next(parser), depth + 1);
            if (fields.putIfAbsent(key, value) != null) {
                throw error(keyLine, "the key " + Input.quote(key) + " appears twice in one object; expected each key"
                        + " once");
            }
        }
        return new Obj(fields, line);
    }

    private Value array(JsonParser parser, int line, int depth) {
        List<Value> items = new ArrayList<>();
        for (JsonToken t = next(parser); t != JsonToken.END_ARRAY; t = next(parser)) {
            items.add(value(parser, t, depth + 1));
        }
        return new Arr(List.copyOf(items), line);
    }

    private JsonToken next(JsonParser parser) {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw error(line(parser), "the JSON ends inside an object or array");
        }
        return token;
    }

    private static int line(JsonParser parser) {
        return Math.max(0, parser.currentTokenLocation().getLineNr());
    }
}
