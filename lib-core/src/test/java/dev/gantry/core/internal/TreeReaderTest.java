package dev.gantry.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import org.junit.jupiter.api.Test;

class TreeReaderTest {

    private static ParseException errorOf(TreeReader reader) {
        try {
            reader.read("a test document");
        } catch (ParseException e) {
            return e;
        }
        throw new AssertionError("expected a ParseException");
    }

    @Test
    void readsJsonValuesWithTheLinesTheyStartOn() {
        TreeReader json = TreeReader.json("lsblk",
                "{\n  \"blockdevices\": [\n    {\"name\": \"sda\", \"size\": null}\n  ]\n}");

        Node.Mapping root = json.object(json.read("lsblk output"), "the output");
        Node.Sequence devices = json.requiredArray(root, "blockdevices", "a blockdevices list");
        Node.Mapping sda = json.object(devices.items().get(0), "a device");

        assertThat(root.line()).isEqualTo(1);
        assertThat(devices.line()).isEqualTo(2);
        assertThat(sda.line()).isEqualTo(3);
        assertThat(json.string(sda, "name")).hasValue("sda");
        assertThat(json.string(sda, "size")).isEmpty();
        assertThat(json.string(sda, "absent")).isEmpty();
        assertThat(json.lineOf(sda, "name")).isEqualTo(3);
        assertThat(json.lineOf(sda, "absent")).isEqualTo(3);
    }

    @Test
    void namesTheLineOfAJsonSyntaxErrorAndQuotesIt() {
        ParseException e = errorOf(TreeReader.json("lsblk on node-1", "{\"a\": [\n  1,\n  2,,\n]}"));

        assertThat(e.line()).hasValue(3);
        assertThat(e.source()).isEqualTo("lsblk on node-1");
        assertThat(e.problem()).startsWith("not valid JSON: ").endsWith("(expected a test document)");
        assertThat(e.offendingText()).hasValue("  2,,");
        assertThat(e.getMessage()).startsWith("lsblk on node-1:3: not valid JSON");
    }

    @Test
    void namesTheLineOfAYamlSyntaxError() {
        ParseException e = errorOf(TreeReader.yaml("hosts.yaml", "machines:\n  - name: a\n    x: [1, 2\n"));

        assertThat(e.getMessage()).startsWith("hosts.yaml:4: not valid YAML: while parsing a flow sequence");
    }

    @Test
    void rejectsEmptyInputAndASecondDocument() {
        assertThat(errorOf(TreeReader.json("x", "   \n")).getMessage())
                .isEqualTo("x: the input has no content (expected a test document)");
        assertThat(errorOf(TreeReader.yaml("x", "# only a comment\n")).problem())
                .startsWith("the input has no content");
        ParseException second = errorOf(TreeReader.json("x", "{}\n\n[]"));
        assertThat(second.line()).hasValue(3);
        assertThat(second.problem()).startsWith("found more content after the first document");
    }

    @Test
    void rejectsInputThatEndsInsideAListOnItsLastLine() {
        ParseException e = errorOf(TreeReader.yaml("x", "a:\n  - [1,\n"));

        assertThat(e.line()).isPresent();
        assertThat(e.problem()).containsAnyOf("ends inside", "not valid YAML");
    }

    @Test
    void rejectsNestingDeeperThanTheLimitAtTheLineWhereItHappens() {
        String deep = "[\n".repeat(5) + "]".repeat(5);

        assertThat(TreeReader.json("x", deep).withMaxDepth(5).read("x")).isInstanceOf(Node.Sequence.class);
        ParseException e = errorOf(TreeReader.json("x", deep).withMaxDepth(4));
        assertThat(e.line()).hasValue(5);
        assertThat(e.problem()).startsWith("the input is nested more than 4 levels deep");
        assertThat(errorOf(TreeReader.json("x", "[".repeat(100_000))).problem())
                .contains("nested more than " + TreeReader.DEFAULT_MAX_DEPTH + " levels");
    }

    @Test
    void keepsDuplicateKeysUnlessToldToRejectThemThenNamesBothLines() {
        String text = "{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}";

        Node.Mapping kept = (Node.Mapping) TreeReader.json("x", text).read("x");
        assertThat(kept.entries()).extracting(Node.Entry::key).containsExactly("name", "name");
        assertThat(kept.get("name")).hasValueSatisfying(n -> assertThat(((Node.Scalar) n).text()).isEqualTo("a"));

        ParseException e = errorOf(TreeReader.json("x", text).withUniqueKeys());
        assertThat(e.line()).hasValue(3);
        assertThat(e.problem()).isEqualTo("the key 'name' appears twice in one object (at lines 2 and 3; expected each"
                + " key once)");
    }

    @Test
    void resolvesAYamlAliasToTheAnchoredNodeWithoutCopyingIt() {
        Node.Mapping root = (Node.Mapping) TreeReader.yaml("x", "a: &n [1, 2]\nb: *n\n").read("x");

        assertThat(root.get("b").orElseThrow()).isSameAs(root.get("a").orElseThrow());
        ParseException e = errorOf(TreeReader.yaml("x", "a: 1\nb: *missing\n"));
        assertThat(e.line()).hasValue(2);
        assertThat(e.problem()).startsWith("alias *missing does not refer to an anchored map or list");
    }

    @Test
    void explainsAWrongShapeAtTheLineOfTheValue() {
        TreeReader json = TreeReader.json("lvs", "{\n  \"report\":\n    \"none\"\n}");
        Node.Mapping root = json.object(json.read("x"), "the report");

        assertThatThrownBy(() -> json.requiredArray(root, "report", "an LVM report"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.line()).hasValue(3);
                    assertThat(e.problem()).isEqualTo("\"report\" is the value 'none'; expected a JSON array [...]");
                });
        assertThatThrownBy(() -> json.requiredArray(root, "lv", "an LVM report"))
                .hasMessageContaining(":1: no \"lv\" field; expected an LVM report");
        assertThatThrownBy(() -> json.object(root.get("report").orElseThrow(), "the section"))
                .hasMessageContaining("the section is the value 'none'; expected a JSON object {...}");
        TreeReader yaml = TreeReader.yaml("hosts.yaml", "machines: {}\n");
        Node.Mapping top = (Node.Mapping) yaml.read("x");
        assertThatThrownBy(() -> yaml.string(top, "machines"))
                .hasMessageContaining("hosts.yaml:1: \"machines\" is a map; expected a plain value");
    }

    @Test
    void escapesControlCharactersInTheQuotedLine() {
        ParseException e = errorOf(TreeReader.json("x", "{\"a\u0007\u202e\": ]}"));

        assertThat(e.getMessage()).doesNotContain("\u0007", "\u202e").contains("\\u0007", "\\u202e");
    }

    @Test
    void readsAHugeFlatDocument() {
        String huge = "[" + "1,".repeat(200_000) + "1]";

        assertThat(((Node.Sequence) TreeReader.json("x", huge).read("x")).items()).hasSize(200_001);
    }
}
