package dev.gantry.core.internal;

import dev.gantry.core.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * The one line-aware reader of JSON and YAML documents: reads a single document into {@link Node}s
 * that remember their line, streaming Jackson tokens, and turns every problem into a {@link
 * ParseException} that names the source and the line and quotes that line.
 *
 * <pre>{@code
 * TreeReader json = TreeReader.json("lsblk on node-1", text).withUniqueKeys();
 * Node.Mapping root = json.object(json.read("the output of lsblk -J"), "the lsblk output");
 * Node.Sequence devices = json.requiredArray(root, "blockdevices", "a \"blockdevices\" array");
 * }</pre>
 *
 * <p>Defends against hostile input: nesting is limited ({@value #DEFAULT_MAX_DEPTH} levels unless
 * {@link #withMaxDepth(int)} says otherwise), and a YAML alias is resolved to the very node its
 * anchor names, never copied or expanded, so an alias bomb ("billion laughs") produces a tree no
 * larger than its text. Jackson's plain YAML parser reports an alias as a string and does not expand
 * it; it exposes the anchors of maps and lists but not of single values, so only maps and lists can
 * be aliased. Duplicate keys are kept (so that a caller can report them in context) unless {@link
 * #withUniqueKeys()} rejects them. Immutable; {@link #read(String)} may be called more than once.
 */
public final class TreeReader {

    /** The default nesting limit. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private static final int MAX_YAML_CODE_POINTS = 16 * 1024 * 1024;
    /**
     * The longest YAML line read. SnakeYAML's scanner copies its window for every chunk of a plain
     * scalar, so a single 3 MB scalar took 14 s to 2 min; no document Gantry reads has such lines.
     */
    static final int MAX_YAML_LINE = 64 * 1024;
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .loadSettings(LoadSettings.builder()
                    .setAllowDuplicateKeys(true)
                    .setCodePointLimit(MAX_YAML_CODE_POINTS)
                    .build())
            .build();

    private final String source;
    private final String text;
    private final boolean json;
    private final int maxDepth;
    private final boolean uniqueKeys;

    private TreeReader(String source, String text, boolean json, int maxDepth, boolean uniqueKeys) {
        this.source = Checks.notNull(source, "source");
        this.text = Checks.notNull(text, "text");
        this.json = json;
        this.maxDepth = Checks.between(maxDepth, 1, 1024, "maxDepth");
        this.uniqueKeys = uniqueKeys;
    }

    /**
     * Returns a reader of one JSON document.
     *
     * @param source the name of the input for messages: a file, a command, a host
     * @param text the document
     * @return the reader
     */
    public static TreeReader json(String source, String text) {
        return new TreeReader(source, text, true, DEFAULT_MAX_DEPTH, false);
    }

    /**
     * Returns a reader of one YAML document (which may also be JSON, a subset of YAML).
     *
     * @param source the name of the input for messages: a file, a command, a host
     * @param text the document
     * @return the reader
     */
    public static TreeReader yaml(String source, String text) {
        return new TreeReader(source, text, false, DEFAULT_MAX_DEPTH, false);
    }

    /**
     * Returns a copy that rejects input nested deeper than {@code levels}.
     *
     * @param levels the deepest nesting allowed, 1 to 1024; the top-level value is level 1
     * @return the copy
     */
    public TreeReader withMaxDepth(int levels) {
        return new TreeReader(source, text, json, levels, uniqueKeys);
    }

    /**
     * Returns a copy that rejects a map (a JSON object) in which a key appears twice.
     *
     * @return the copy
     */
    public TreeReader withUniqueKeys() {
        return new TreeReader(source, text, json, maxDepth, true);
    }

    /**
     * Reads the single document of the text.
     *
     * @param expected what the document should be, for messages, e.g. {@code "the output of lsblk -J"}
     * @return its top-level value
     * @throws ParseException for syntax errors, input nested too deeply, duplicate keys (when
     *     rejected), undefined aliases, more than one document, and empty input
     */
    public Node read(String expected) {
        if (!json) {
            rejectLongLines(expected);
        }
        return new Walk(expected).read();
    }

    private void rejectLongLines(String expected) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_YAML_LINE) {
                    throw error(line, "the line is " + (i - start) + " characters long, more than the "
                            + MAX_YAML_LINE + " YAML lines may have here (expected " + expected + ")");
                }
                line++;
                start = i + 1;
            }
        }
    }

    /**
     * Returns a parse error at a line of this text, quoting that line.
     *
     * @param line the 1-based line, or 0 when unknown
     * @param problem what was wrong and what was expected
     * @return the error, to throw
     */
    public ParseException error(int line, String problem) {
        return error(line, problem, null);
    }

    /**
     * Returns a parse error at a line of this text, quoting that line and keeping the cause.
     *
     * @param line the 1-based line, or 0 when unknown
     * @param problem what was wrong and what was expected
     * @param cause the underlying exception, or {@code null}
     * @return the error, to throw
     */
    public ParseException error(int line, String problem, Throwable cause) {
        return ParseException.atLine(source, text, line, problem, cause);
    }

    /**
     * Returns the value as a map, or fails naming what was expected.
     *
     * @param value the value
     * @param what what the value is, for the message
     * @return the map
     * @throws ParseException at the value's line when it is not a map
     */
    public Node.Mapping object(Node value, String what) {
        if (value instanceof Node.Mapping map) {
            return map;
        }
        throw error(value.line(), what + " is " + value.describe() + "; expected " + (json ? "a JSON object {...}"
                : "a map"));
    }

    /**
     * Returns the value as a list, or fails naming what was expected.
     *
     * @param value the value
     * @param what what the value is, for the message
     * @return the list
     * @throws ParseException at the value's line when it is not a list
     */
    public Node.Sequence array(Node value, String what) {
        if (value instanceof Node.Sequence list) {
            return list;
        }
        throw error(value.line(), what + " is " + value.describe() + "; expected " + (json ? "a JSON array [...]"
                : "a list"));
    }

    /**
     * Returns a field that must be present and a list.
     *
     * @param map the map
     * @param key the field
     * @param expected what the document should be, for the message
     * @return the list
     * @throws ParseException when the field is absent or not a list
     */
    public Node.Sequence requiredArray(Node.Mapping map, String key, String expected) {
        Node value = map.get(key).orElseThrow(() -> error(map.line(), "no \"" + key + "\" field; expected "
                + expected));
        return array(value, "\"" + key + "\"");
    }

    /**
     * Returns the text of a plain field (a string, number or boolean, as written).
     *
     * @param map the map
     * @param key the field
     * @return the text, or empty when the field is absent or empty
     * @throws ParseException when the field is a map or a list
     */
    public Optional<String> string(Node.Mapping map, String key) {
        Optional<Node> value = map.get(key);
        if (value.isEmpty() || value.get() instanceof Node.Empty) {
            return Optional.empty();
        }
        if (value.get() instanceof Node.Scalar scalar) {
            return Optional.of(scalar.text());
        }
        throw error(value.get().line(), "\"" + key + "\" is " + value.get().describe() + "; expected a plain value");
    }

    /**
     * Returns the line of a field's value, for messages about it.
     *
     * @param map the map
     * @param key the field
     * @return the line of its value, or the map's line when the field is absent
     */
    public int lineOf(Node.Mapping map, String key) {
        return map.get(key).map(Node::line).orElse(map.line());
    }

    /** One pass over the text; holds the anchors seen so far. */
    private final class Walk {

        private final String expected;
        private final Map<String, Node> anchors = new HashMap<>();

        Walk(String expected) {
            this.expected = expected;
        }

        Node read() {
            TokenStreamFactory factory = json ? JSON : YAML;
            try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), text)) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw error(0, "the input has no content (expected " + expected + ")");
                }
                Node root = value(parser, first, 1);
                if (parser.nextToken() != null) {
                    throw error(line(parser), "found more content after the first document (expected a single "
                            + (json ? "JSON value" : "YAML document") + ")");
                }
                return root;
            } catch (JacksonException e) {
                throw syntaxError(e);
            } catch (YamlEngineException e) {
                throw yamlError(e, 0);
            }
        }

        private Node value(JsonParser parser, JsonToken token, int depth) {
            int line = line(parser);
            if (depth > maxDepth) {
                throw error(line, "the input is nested more than " + maxDepth + " levels deep (expected " + expected
                        + ")");
            }
            String anchor = parser instanceof YAMLParser yaml ? yaml.getObjectId() : null;
            Node node = switch (token) {
                case START_OBJECT -> mapping(parser, line, depth);
                case START_ARRAY -> sequence(parser, line, depth);
                case VALUE_NULL -> new Node.Empty(line);
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                        scalar(parser, line);
                default -> throw error(line, "unsupported value " + token + " (expected a map, a list or a"
                        + " plain value)");
            };
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private Node scalar(JsonParser parser, int line) {
            String value = parser.getString();
            if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                Node target = anchors.get(value);
                if (target == null) {
                    String name = Lines.shown(value);
                    throw error(line, "alias *" + name + " does not refer to an anchored map or list (expected an"
                            + " earlier &" + name + " on a map or list; anchors on single values are not"
                            + " supported, write the value out)");
                }
                return target;
            }
            return new Node.Scalar(value, line);
        }

        private Node mapping(JsonParser parser, int line, int depth) {
            List<Node.Entry> entries = new ArrayList<>();
            Map<String, Integer> keyLines = new HashMap<>();
            for (JsonToken t = next(parser); t != JsonToken.END_OBJECT; t = next(parser)) {
                String key = parser.currentName();
                int keyLine = line(parser);
                Integer earlier = keyLines.putIfAbsent(key, keyLine);
                if (uniqueKeys && earlier != null) {
                    throw error(keyLine, "the key " + Syntax.quoted(key) + " appears twice in one "
                            + (json ? "object" : "map") + " (at lines " + earlier + " and " + keyLine
                            + "; expected each key once)");
                }
                entries.add(new Node.Entry(key, keyLine, value(parser, next(parser), depth + 1)));
            }
            return new Node.Mapping(List.copyOf(entries), line);
        }

        private Node sequence(JsonParser parser, int line, int depth) {
            List<Node> items = new ArrayList<>();
            for (JsonToken t = next(parser); t != JsonToken.END_ARRAY; t = next(parser)) {
                items.add(value(parser, t, depth + 1));
            }
            return new Node.Sequence(List.copyOf(items), line);
        }

        private JsonToken next(JsonParser parser) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw error(Lines.count(text), "the input ends inside a map or list (expected its end)");
            }
            return token;
        }

        private ParseException syntaxError(JacksonException e) {
            TokenStreamLocation location = e.getLocation();
            int line = location == null ? 0 : Math.max(0, location.getLineNr());
            if (e.getCause() instanceof YamlEngineException yaml) {
                return yamlError(yaml, line);
            }
            String kind = e instanceof StreamConstraintsException ? "the input exceeds a parser limit"
                    : json ? "not valid JSON" : "not valid YAML";
            return error(line, kind + ": " + Lines.shown(firstLine(e.getOriginalMessage())) + " (expected "
                    + expected + ")", e);
        }

        private ParseException yamlError(YamlEngineException e, int fallbackLine) {
            if (e instanceof MarkedYamlEngineException marked) {
                int line = marked.getProblemMark().map(m -> m.getLine() + 1).orElse(fallbackLine);
                String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
                return error(line, "not valid YAML: " + Lines.shown(context + marked.getProblem()), e);
            }
            return error(fallbackLine, "not valid YAML: " + Lines.shown(firstLine(e.getMessage())), e);
        }
    }

    private static int line(JsonParser parser) {
        return Math.max(0, parser.currentTokenLocation().getLineNr());
    }

    private static String firstLine(String message) {
        String m = message == null ? "unknown problem" : message.strip();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
