package dev.gantry.core;

import java.util.List;

/**
 * A value of a parsed YAML or JSON document with the line it starts on (0 when unknown). The
 * inventory reader walks these instead of Jackson's tree so that every error can name its line.
 */
sealed interface Node permits Node.Scalar, Node.Empty, Node.Sequence, Node.Mapping {

    /** @return the 1-based line the value starts on, or 0 when unknown */
    int line();

    /** @return what the value is, for "expected … but found …" messages */
    String describe();

    /** A string, number or boolean, as written. */
    record Scalar(String text, int line) implements Node {
        @Override
        public String describe() {
            return "the value " + Syntax.quoted(text);
        }
    }

    /** An empty value or {@code null}. */
    record Empty(int line) implements Node {
        @Override
        public String describe() {
            return "an empty value";
        }
    }

    /** A list. */
    record Sequence(List<Node> items, int line) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A map; duplicate keys are kept, so that the reader can report them in context. */
    record Mapping(List<Entry> entries, int line) implements Node {
        @Override
        public String describe() {
            return "a map";
        }
    }

    /** One key of a map, with the line of the key. */
    record Entry(String key, int line, Node value) {}
}
