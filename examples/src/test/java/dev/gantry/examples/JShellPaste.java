package dev.gantry.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Splits text into snippets exactly as JShell's interactive input does, and tells what goes wrong
 * when the text is pasted: JShell reads line by line and evaluates the text read so far as soon
 * as {@link SourceCodeAnalysis#analyzeCompletion} calls it complete, then goes on with the rest.
 * So a chain whose next line starts with {@code .} is cut after the complete line before it, and
 * the {@code .} line fails with "illegal start of expression".
 *
 * <p>Purely syntactic: nothing is evaluated and no name is resolved ({@link JavaSyntax} parses each
 * snippet). Not thread-safe; close it
 * to release the JShell state.
 */
final class JShellPaste implements AutoCloseable {

    private final JShell shell = JShell.builder().executionEngine("local").build();
    private final SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();

    /**
     * Pastes a block and reports each snippet that would fail, naming its first line (1-based).
     *
     * @param block the lines as they would be pasted
     * @return the problems, empty when the whole block pastes as is
     */
    List<String> problems(String block) {
        List<String> problems = new ArrayList<>();
        String pending = "";
        int firstLine = 0;
        String[] lines = block.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (pending.isEmpty() && lines[i].isBlank()) {
                continue;
            }
            if (pending.isEmpty()) {
                firstLine = i + 1;
            }
            pending = pending.isEmpty() ? lines[i] : pending + "\n" + lines[i];
            if (analysis.analyzeCompletion(pending.stripTrailing()).completeness().isComplete()) {
                judge(pending.stripTrailing(), firstLine, problems);
                pending = "";
            }
        }
        if (!pending.isBlank()) {
            problems.add("line " + firstLine + ": the block ends inside an unfinished snippet, JShell would wait"
                    + " for more input: " + pending.strip());
        }
        return problems;
    }

    /** Judges each snippet of a complete input, as JShell evaluates them one after the other. */
    private void judge(String input, int firstLine, List<String> problems) {
        String rest = input;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                problems.add("line " + firstLine + ": an unfinished snippet follows a complete one on its line: "
                        + rest.strip());
                return;
            }
            String source = info.source() == null ? rest : info.source();
            problem(source.strip(), info.completeness()).ifPresent(text -> problems.add("line " + firstLine + ": " + text));
            rest = info.remaining();
        }
    }

    private Optional<String> problem(String source, Completeness completeness) {
        if (source.startsWith(".")) {
            return Optional.of("a snippet starts with '.', which JShell reads as a new statement"
                    + " (illegal start of expression); end the line before with the '.' instead: " + firstLine(source));
        }
        if (completeness == Completeness.UNKNOWN) {
            return Optional.of("JShell finds a syntax error in: " + source);
        }
        if (source.isEmpty() || completeness == Completeness.EMPTY) {
            return Optional.empty();
        }
        return JavaSyntax.error(source).map(error -> error + ": " + source);
    }

    private static String firstLine(String source) {
        int end = source.indexOf('\n');
        return end < 0 ? source : source.substring(0, end);
    }

    @Override
    public void close() {
        shell.close();
    }
}
