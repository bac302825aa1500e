package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExecutorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final LocalExecutor local = LocalExecutor.ofDefaults();
    private final Host host = Host.local();

    @TempDir
    Path dir;

    @Test
    void returnsExitCodeAndBothOutputsOfAFailingCommand() {
        ExecResult result = local.exec(host, List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), TIMEOUT);

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.ok()).isFalse();
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void passesArgumentsWithoutAShell() {
        ExecResult result = local.exec(host, List.of("printf", "%s|", "$HOME", "a b", "`id`"), TIMEOUT);

        assertThat(result.stdout()).isEqualTo("$HOME|a b|`id`|");
    }

    @Test
    void readsLargeOutputOnBothStreamsWithoutDeadlock() {
        // 4 MiB on each stream, far beyond a pipe buffer, interleaved.
        ExecResult result = local.exec(host, List.of("/bin/sh", "-c",
                "head -c 4194304 /dev/zero | tr '\\0' a; head -c 4194304 /dev/zero | tr '\\0' b >&2"), TIMEOUT);

        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).hasSize(4_194_304).matches("a+");
        assertThat(result.stderr()).hasSize(4_194_304).matches("b+");
    }

    @Test
    void killsTheCommandAndItsChildrenAtTheTimeout() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        String script = "sleep 300 & echo $! > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"; wait";
        // Long enough for the shell to start its child on a loaded machine; the test waits for the child, not for time.
        Duration timeout = Duration.ofSeconds(10);

        CompletableFuture<ExecResult> call = CompletableFuture.supplyAsync(
                () -> local.exec(host, List.of("/bin/sh", "-c", script, "sh", pidFile.toString()), timeout));
        Awaitility.await("the child's pid file").atMost(Duration.ofSeconds(60))
                .failFast("the call ended before the child started", call::isDone)
                .until(() -> Files.exists(pidFile));
        // The handle remembers the start time, so a recycled PID does not count as alive.
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();

        assertThatThrownBy(() -> call.get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ExecException.class)
                .hasMessageContaining("did not end within PT10S");
        Awaitility.await("the child ends").atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
    }

    @Test
    void throwsWhenTheProgramDoesNotExist() {
        assertThatThrownBy(() -> local.exec(host, List.of("/no/such/program"), TIMEOUT))
                .isInstanceOf(ExecException.class)
                .hasMessageContaining("cannot run `/no/such/program`");
    }

    @Test
    void uploadWritesTheFileWithItsModeAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("app.conf");
        Files.writeString(target, "old");

        local.upload(host, target.toString(), "new content\n".getBytes(), 0640);

        assertThat(target).hasContent("new content");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void uploadIntoAMissingDirectoryFailsNamingIt() {
        String target = dir.resolve("missing/app.conf").toString();

        assertThatThrownBy(() -> local.upload(host, target, new byte[] {1}, 0600))
                .isInstanceOf(ExecException.class)
                .hasMessageContaining("cannot write " + target)
                .hasMessageContaining("exists and is writable");
    }

    @Test
    void uploadRejectsRelativePathsAndModesBeyond0777() {
        assertThatThrownBy(() -> local.upload(host, "relative.conf", new byte[0], 0600))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> local.upload(host, dir.resolve("x").toString(), new byte[0], 04755))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 4755");
    }
}
