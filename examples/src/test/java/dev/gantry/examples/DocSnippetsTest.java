package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks that every {@code java} block of {@code README.md} and {@code docs/*.md} pastes into
 * JShell as is: each block is split into snippets exactly as JShell's interactive input splits it
 * (line by line, a line that completes a snippet evaluates it at once, see {@link JShellPaste}),
 * and a block fails when a snippet starts with {@code .} (a continuation line that JShell reads as
 * a new statement: "illegal start of expression"), does not parse, or is left unfinished.
 *
 * <p>The check is purely syntactic: nothing is evaluated, compiled against Gantry or resolved,
 * because the snippets start servers, reach hosts and use values the prose defines. That the
 * README's calls compile and run is proven by {@code examples/consumer} and the runbooks.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of(System.getProperty("gantry.examples.dir", "."))
            .toAbsolutePath().normalize().getParent();
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
    private static final JShellPaste PASTE = new JShellPaste();

    @AfterAll
    static void closeJShell() {
        PASTE.close();
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheReadmeAndTheGuidesPastesIntoJShellAsIs() throws IOException {
        List<Block> blocks = new ArrayList<>(blocks(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path doc : docs.filter(file -> file.toString().endsWith(".md")).sorted().toList()) {
                blocks.addAll(blocks(doc));
            }
        }
        assertThat(blocks).as("java blocks below %s", ROOT).isNotEmpty();
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.name(),
                () -> assertThat(PASTE.problems(block.text())).as("pasting %s into JShell", block.name()).isEmpty()));
    }

    @Test
    void aContinuationLineStartingWithADotIsReported() {
        String block = "HealthService health = HealthService.builder()\n        .build();\n";

        assertThat(PASTE.problems(block)).singleElement().asString()
                .startsWith("line 2:").contains("starts with '.'");
    }

    @Test
    void aChainThatEndsItsLinesWithTheDotPastes() {
        String block = "HealthService health = HealthService.builder().\n        readiness(\"node\", check).\n"
                + "        build();\nhealth.start();   // a comment\n\nint a = 1; int b = 2;\n";

        assertThat(PASTE.problems(block)).isEmpty();
    }

    @Test
    void aLeadingDotInsideOpenParenthesesPastes() {
        String block = "SyncSource node = SyncSource.bitcoin(Endpoint.of(\"http://127.0.0.1:9332\")\n"
                + "        .withBasicAuth(\"rpc\", secret));\n";

        assertThat(PASTE.problems(block)).isEmpty();
    }

    @Test
    void anAnnotationAloneOnItsLineIsReported() {
        String block = "@TestFactory\nStream<DynamicTest> plan() {\n    return ReportTests.of(report);\n}\n";

        assertThat(PASTE.problems(block)).first().asString().startsWith("line 1:").contains("@TestFactory");
    }

    @Test
    void aBlockThatEndsInsideASnippetIsReported() {
        assertThat(PASTE.problems("List<String> names = List.of(\"a\",\n")).singleElement().asString()
                .contains("unfinished");
    }

    @Test
    void aSnippetThatDoesNotParseIsReported() {
        assertThat(PASTE.problems("int x = = 1;\n")).isNotEmpty();
    }

    @Test
    void findsTheJavaBlocksOfAMarkdownFileWithTheirLines() throws IOException {
        Path doc = Files.createTempFile("doc", ".md");
        Files.writeString(doc, "# T\n\n```java\nint a = 1;\n```\n\n```sh\nls\n```\n\n```java\nint b = 2;\n```\n");

        List<Block> blocks = blocks(doc);
        Files.delete(doc);

        assertThat(blocks).extracting(Block::text).containsExactly("int a = 1;\n", "int b = 2;\n");
        assertThat(blocks.get(1).name()).endsWith(":11");
    }

    private record Block(String name, String text) {
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file);
        String name = ROOT.relativize(file.toAbsolutePath()).toString();
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(text);
        while (matcher.find()) {
            int line = (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
            blocks.add(new Block(name + ":" + line, matcher.group(1)));
        }
        return blocks;
    }
}
