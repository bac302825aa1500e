package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RealProcess against {@code /bin/sh}, the one real program every test machine has. */
class RealProcessTest {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    private static final String SH = "/bin/sh";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Readiness SAYS_READY = Readiness.logLine(Pattern.compile("^ready$"));

    @Test
    void returnsFromStartOnceTheAwaitedLogLineAppears() {
        RealProcess sh = processes.start(RealProcess.builder("greeter")
                .command(SH, "-c", "echo ready; exec sleep 60")
                .readiness(SAYS_READY, DEADLINE));

        assertThat(sh.isAlive()).isTrue();
        assertThat(sh.exitCode()).isEmpty();
        assertThat(sh.log()).isEqualTo("ready\n");
        assertThat(ProcessHandle.of(sh.pid())).isPresent();
    }

    @Test
    void writesStdoutAndStderrToALogFileInTheDirectoryOfTheTestClass() {
        RealProcess sh = processes.start(RealProcess.builder("streams")
                .command(SH, "-c", "echo to-stdout; echo to-stderr >&2; echo ready; exec sleep 60")
                .readiness(SAYS_READY, DEADLINE));

        assertThat(sh.logFile()).isEqualTo(ItDirectories.logs().resolve("RealProcessTest").resolve("streams.log"));
        assertThat(sh.logFile()).content().contains("to-stdout", "to-stderr");
    }

    @Test
    void givesASecondProcessOfTheSameNameItsOwnLogFile() {
        RealProcess first = processes.start(RealProcess.builder("twin").command(SH, "-c", "exec sleep 60"));
        RealProcess second = processes.start(RealProcess.builder("twin").command(SH, "-c", "exec sleep 60"));

        assertThat(second.logFile()).isNotEqualTo(first.logFile()).hasParent(first.logFile().getParent());
        assertThat(second.workDir()).isNotEqualTo(first.workDir());
    }

    @Test
    void runsInAFreshWorkDirectoryWithTheAddedEnvironmentAndFiles() throws IOException {
        RealProcess sh = processes.start(RealProcess.builder("configured")
                .env("GANTRY_GREETING", "hello")
                .file("conf/app.conf", "answer=42\n")
                .command(SH, "-c", "echo \"$GANTRY_GREETING\"; pwd -P; cat conf/app.conf; echo ready; exec sleep 60")
                .readiness(SAYS_READY, DEADLINE));

        assertThat(sh.workDir()).hasParent(ItDirectories.work());
        assertThat(sh.workDir().getFileName().toString()).startsWith("configured-");
        assertThat(sh.logTail(4)).containsExactly("hello", sh.workDir().toRealPath().toString(), "answer=42", "ready");
    }

    @Test
    void buildsTheCommandFromTheWorkDirectoryWhenAsked() {
        RealProcess sh = processes.start(RealProcess.builder("datadir")
                .commandInWorkDir(dir -> List.of(SH, "-c",
                        "mkdir \"$0\" && echo ready && exec sleep 60", dir.resolve("data").toString()))
                .readiness(SAYS_READY, DEADLINE));

        assertThat(sh.workDir().resolve("data")).isDirectory();
    }

    @Test
    void stopTerminatesTheProcessAndItsChildrenWithSigterm() {
        RealProcess sh = processes.start(RealProcess.builder("parent")
                .command(SH, "-c", "sleep 60 & echo \"child $!\"; wait")
                .readiness(Readiness.logLine(Pattern.compile("^child \\d+$")), DEADLINE));
        Matcher childLine = Pattern.compile("^child (\\d+)$", Pattern.MULTILINE).matcher(sh.log());
        assertThat(childLine.find()).isTrue();
        ProcessHandle child = ProcessHandle.of(Long.parseLong(childLine.group(1))).orElseThrow();
        assertThat(child.parent().map(ProcessHandle::pid)).contains(sh.pid());

        sh.stop();

        assertThat(sh.isAlive()).isFalse();
        assertThat(sh.exitCode()).hasValue(128 + 15);
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void stopSendsSigkillWhenTheProcessIgnoresSigterm() {
        RealProcess sh = processes.start(RealProcess.builder("stubborn")
                .command(SH, "-c", "trap '' TERM; echo ready; exec sleep 60")
                .stopGrace(Duration.ofMillis(200))
                .readiness(SAYS_READY, DEADLINE));

        sh.stop();

        assertThat(sh.exitCode()).hasValue(128 + 9);
    }

    @Test
    void killEndsTheProcessWithSigkill() {
        RealProcess sh = processes.start(RealProcess.builder("victim")
                .command(SH, "-c", "echo ready; exec sleep 60")
                .readiness(SAYS_READY, DEADLINE));

        sh.kill();

        assertThat(sh.isAlive()).isFalse();
        assertThat(sh.exitCode()).hasValue(128 + 9);
    }

    @Test
    void closeStopsTheProcessDeletesTheWorkDirectoryAndKeepsTheLog() throws IOException {
        RealProcess sh = processes.start(RealProcess.builder("closing")
                .file("data/state", "some state\n")
                .command(SH, "-c", "echo ready; exec sleep 60")
                .readiness(SAYS_READY, DEADLINE));

        sh.close();
        sh.close();

        assertThat(sh.isAlive()).isFalse();
        assertThat(sh.workDir()).doesNotExist();
        assertThat(sh.logFile()).hasContent("ready");
    }

    @Test
    void readinessFailureOfAProcessThatExitedNamesItsExitCodeAndLogTail() throws IOException {
        RealProcess.Builder doomed = RealProcess.builder("doomed")
                .command(SH, "-c", "echo starting; echo boom; exit 3")
                .readiness(Readiness.logLine(Pattern.compile("never printed")), DEADLINE);

        assertThatThrownBy(() -> processes.start(doomed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("doomed (pid ")
                .hasMessageContaining("was not ready within 30s: awaited a log line matching /never printed/")
                .hasMessageContaining("process: exited with exit code 3")
                .hasMessageContaining("doomed.log:\n  | starting\n  | boom");
        assertThat(workDirectoriesNamed("doomed-")).isEmpty();
    }

    @Test
    void readinessFailureOfARunningProcessSaysSoAndStopsIt() {
        RealProcess.Builder slow = RealProcess.builder("slow")
                .command(SH, "-c", "echo warming up; exec sleep 60")
                .readiness(Readiness.logLine(Pattern.compile("never printed")), Duration.ofMillis(500));

        Throwable failure = catchThrowable(() -> processes.start(slow));

        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("was not ready within 500ms")
                .hasMessageContaining("process: still running")
                .hasMessageContaining("last probe failure: not ready yet")
                .hasMessageContaining("  | warming up");
        Matcher pid = Pattern.compile("slow \\(pid (\\d+)\\)").matcher(failure.getMessage());
        assertThat(pid.find()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void logTailReturnsTheLastLinesOldestFirst() {
        RealProcess sh = processes.start(RealProcess.builder("counter")
                .command(SH, "-c", "for i in 1 2 3 4 5; do echo line$i; done; exec sleep 60")
                .readiness(Readiness.logLine(Pattern.compile("^line5$")), DEADLINE));

        assertThat(sh.logTail(2)).containsExactly("line4", "line5");
        assertThat(sh.logTail(10)).hasSize(5);
        assertThat(sh.logTail(0)).isEmpty();
    }

    @Test
    void rejectsNamesThatAreNotPlainFileNames() {
        assertThatThrownBy(() -> RealProcess.builder("../etcd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must match");
    }

    @Test
    void rejectsFilesOutsideTheWorkDirectory() {
        RealProcess.Builder builder = RealProcess.builder("escaper");

        assertThatThrownBy(() -> builder.file("../outside", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.file("/etc/passwd", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToStartWithoutACommand() {
        assertThatThrownBy(() -> RealProcess.builder("nothing").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no command set for nothing");
    }

    private static List<Path> workDirectoriesNamed(String prefix) throws IOException {
        if (!Files.isDirectory(ItDirectories.work())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(ItDirectories.work())) {
            return entries.filter(path -> path.getFileName().toString().startsWith(prefix)).toList();
        }
    }
}
