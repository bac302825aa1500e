package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every runbook in {@code examples/runbooks} the way a user does: {@code examples/run NAME}. */
class RunbooksIT {

    private static final long DEADLINE_MINUTES = 5;
    private static final Path EXAMPLES = Path.of(System.getProperty("gantry.examples.dir", "."));

    @TestFactory
    Stream<DynamicTest> everyRunbookRunsToTheEndAndExitsZero() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("runbooks"))) {
            names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".jsh"))
                    .map(name -> name.substring(0, name.length() - ".jsh".length()))
                    .sorted()
                    .toList();
        }
        assertThat(names).as("runbooks in %s", EXAMPLES.resolve("runbooks")).contains("quickstart");
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> runs(name)));
    }

    @Test
    void aRunbookThatThrowsMakesTheRunnerExitNonZero() throws IOException, InterruptedException {
        Run run = runSource("int x = 1;\nif (x == 1) throw new IllegalStateException(\"runbook broke\");\n");

        assertThat(run.exitCode()).as("output:%n%s", run.output()).isNotZero();
        assertThat(run.output()).contains("runbook broke");
    }

    @Test
    void aRunbookThatDoesNotCompileMakesTheRunnerExitNonZero() throws IOException, InterruptedException {
        Run run = runSource("dev.gantry.core.NoSuchType t = null;\n");

        assertThat(run.exitCode()).as("output:%n%s", run.output()).isNotZero();
    }

    @Test
    void theHaPlanRunbookRemovesTheFolderWithTheKubeadmSecrets() throws IOException, InterruptedException {
        Run run = run("ha-plan");

        Matcher wrote = Pattern.compile("wrote \\d+ files below (\\S+)").matcher(run.output());
        assertThat(wrote.find()).as("output:%n%s", run.output()).isTrue();
        assertThat(Path.of(wrote.group(1))).as("the runbook's output folder").doesNotExist();
    }

    private static void runs(String name) throws IOException, InterruptedException {
        Run run = run(name);
        assertThat(run.exitCode()).as("exit code of examples/run %s; output:%n%s", name, run.output()).isZero();
    }

    /** Runs a runbook of the given source from a temporary file, which it removes. */
    private static Run runSource(String source) throws IOException, InterruptedException {
        Path runbook = Files.createTempFile("broken", ".jsh");
        try {
            Files.writeString(runbook, source);
            return run(runbook.toString());
        } finally {
            Files.deleteIfExists(runbook);
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String name) throws IOException, InterruptedException {
        Path output = Files.createTempFile("runbook", ".log");
        boolean ended;
        String text;
        Process process;
        try {
            process = new ProcessBuilder(EXAMPLES.resolve("run").toString(), name)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            ended = process.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            text = Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }

        assertThat(ended).as("runbook %s ended within %d minutes; output:%n%s", name, DEADLINE_MINUTES, text)
                .isTrue();
        return new Run(process.exitValue(), text);
    }
}
