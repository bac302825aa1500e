package dev.gantry.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Reads one YAML or JSON document into {@link Node}s with line numbers, streaming Jackson tokens.
 *
 * <p>Defends against hostile input: nesting is limited to {@value #MAX_DEPTH} levels, and a YAML
 * alias is resolved to the very node its anchor names, never copied or expanded, so an alias bomb
 * ("billion laughs") produces a tree no larger than its text. Jackson's plain YAML parser reports an
 * alias as a string and does not expand it; it exposes the anchors of maps and lists but not of
 * single values, so only maps and lists can be aliased. Not thread-safe; one per document.
 */
final class TreeReader {

    static final int MAX_DEPTH = 32;

    // Duplicate keys are reported by the inventory reader, which knows the machine they belong to.
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .loadSettings(LoadSettings.builder()
                    .setAllowDuplicateKeys(true)
                    .setCodePointLimit(Inventory.MAX_INPUT_BYTES + 1)
                    .build())
            .build();

    private final String source;
    private final String text;
    private final boolean json;
    private final Map<String, Node> anchors = new HashMap<>();

    private TreeReader(String source, String text, boolean json) {
        this.source = source;
        this.text = text;
        this.json = json;
    }

    /**
     * Reads the single document of {@code text}.
     *
     * @throws ParseException for syntax errors, input nested too deeply, undefined aliases, more than
     *     one document, and empty input
     */
    static Node read(String source, String text, boolean json) {
        return new TreeReader(source, text, json).read();
    }

    private Node read() {
        TokenStreamFactory factory = json ? JSON : YAML;
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ParseException.of(source, "the input has no content (expected a map with a 'machines' list)");
            }
            Node root = value(parser, first, 1);
            if (parser.nextToken() != null) {
                int line = line(parser);
                throw error(line, "found more content after the first document (expected a single "
                        + (json ? "JSON value" : "YAML document") + ")", null);
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
        if (depth > MAX_DEPTH) {
            throw error(line, "the input is nested more than " + MAX_DEPTH + " levels deep (an inventory"
                    + " needs 4: machines, a machine, its ssh or labels, their values)", null);
        }
        String anchor = anchor(parser);
        Node node = switch (token) {
            case START_OBJECT -> mapping(parser, line, depth);
            case START_ARRAY -> sequence(parser, line, depth);
            case VALUE_NULL -> new Node.Empty(line);
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                    scalar(parser, line);
            default -> throw error(line, "unsupported value " + token + " (expected a map, a list or a"
                    + " plain value)", null);
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private Node scalar(JsonParser parser, int line) {
        String text = parser.getString();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            Node target = anchors.get(text);
            if (target == null) {
                String name = ParseException.shown(text);
                throw error(line, "alias *" + name + " does not refer to an anchored map or list (expected an"
                        + " earlier &" + name + " on a map or list; anchors on single values are not"
                        + " supported, write the value out)", null);
            }
            return target;
        }
        return new Node.Scalar(text, line);
    }

    private Node mapping(JsonParser parser, int line, int depth) {
        List<Node.Entry> entries = new ArrayList<>();
        for (JsonToken t = next(parser); t != JsonToken.END_OBJECT; t = next(parser)) {
            String key = parser.currentName();
            int keyLine = line(parser);
            Node value = value(parser, next(parser), depth + 1);
            entries.add(new Node.Entry(key, keyLine, value));
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
            throw error(Lines.count(text), "the input ends inside a map or list (expected its end)", null);
        }
        return token;
    }

    private static String anchor(JsonParser parser) {
        return parser instanceof YAMLParser yaml ? yaml.getObjectId() : null;
    }

    private static int line(JsonParser parser) {
        return Math.max(0, parser.currentTokenLocation().getLineNr());
    }

    private ParseException syntaxError(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        int line = location == null ? 0 : Math.max(0, location.getLineNr());
        if (e.getCause() instanceof YamlEngineException yaml) {
            return yamlError(yaml, line);
        }
        String kind = e instanceof StreamConstraintsException ? "input exceeds a parser limit"
                : json ? "JSON syntax error" : "YAML syntax error";
        return error(line, kind + ": " + ParseException.shown(firstLine(e.getOriginalMessage())), e);
    }

    private ParseException yamlError(YamlEngineException e, int fallbackLine) {
        if (e instanceof MarkedYamlEngineException marked) {
            int line = marked.getProblemMark().map(m -> m.getLine() + 1).orElse(fallbackLine);
            String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
            return error(line, "YAML syntax error: " + ParseException.shown(context + marked.getProblem()), e);
        }
        return error(fallbackLine, "YAML syntax error: " + ParseException.shown(firstLine(e.getMessage())), e);
    }

    private ParseException error(int line, String problem, Throwable cause) {
        return ParseException.atLine(source, text, line, problem, cause);
    }

    private static String firstLine(String message) {
        String m = message == null ? "unknown problem" : message.strip();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
