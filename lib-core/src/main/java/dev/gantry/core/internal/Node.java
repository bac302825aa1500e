package dev.gantry.core.internal;

import java.util.List;
import java.util.Optional;

/**
 * A value of a parsed YAML or JSON document with the line it starts on (0 when unknown), as read by
 * {@link TreeReader}. Readers walk these instead of Jackson's tree so that every error can name its
 * line.
 */
public sealed interface Node permits Node.Scalar, Node.Empty, Node.Sequence, Node.Mapping {

    /**
     * Returns the 1-based line the value starts on.
     *
     * @return the line, or 0 when unknown
     */
    int line();

    /**
     * Describes what the value is, for "expected … but found …" messages.
     *
     * @return e.g. {@code a map} or {@code the value 'x'}
     */
    String describe();

    /**
     * A string, number or boolean, as written.
     *
     * @param text the value's text
     * @param line the line it starts on
     */
    record Scalar(String text, int line) implements Node {
        @Override
        public String describe() {
            return "the value " + Syntax.quoted(text);
        }
    }

    /**
     * An empty value or {@code null}.
     *
     * @param line the line it starts on
     */
    record Empty(int line) implements Node {
        @Override
        public String describe() {
            return "an empty value";
        }
    }

    /**
     * A list (a JSON array).
     *
     * @param items the values, in order
     * @param line the line it starts on
     */
    record Sequence(List<Node> items, int line) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A map (a JSON object); duplicate keys are kept unless the reader rejects them, so that a caller
     * can report them in context.
     *
     * @param entries the keys and values, in document order
     * @param line the line it starts on
     */
    record Mapping(List<Entry> entries, int line) implements Node {

        /**
         * Finds the value of a key.
         *
         * @param key the key
         * @return the value of its first occurrence, or empty when the map has no such key
         */
        public Optional<Node> get(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /**
     * One key of a map, with the line of the key.
     *
     * @param key the key
     * @param line the line of the key
     * @param value its value
     */
    record Entry(String key, int line, Node value) {}
}
