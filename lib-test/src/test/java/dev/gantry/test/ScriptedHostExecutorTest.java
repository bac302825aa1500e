package dev.gantry.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.exec.ExecException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedHostExecutorTest {

    private static final Host NODE = Host.of("node-1", "10.0.0.1");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ScriptedHostExecutor executor = new ScriptedHostExecutor();

    @Test
    void answersACommandScriptedByProgramWhateverItsArguments() {
        executor.onCommand("mdadm", 0, "ARRAY /dev/md0\n");

        ExecResult result = executor.exec(NODE, List.of("mdadm", "--detail", "--scan"), TIMEOUT);

        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).isEqualTo("ARRAY /dev/md0\n");
    }

    @Test
    void answersAnUnscriptedCommandWithExit127LikeAShell() {
        ExecResult result = executor.exec(NODE, List.of("lsblk", "-J"), TIMEOUT);

        assertThat(result.exit()).isEqualTo(127);
        assertThat(result.stderr()).contains("lsblk: command not found");
    }

    @Test
    void answersAnUnscriptedCommandWithTheDefaultWhenOneIsGiven() {
        executor.otherwise(new ExecResult(0, "ok", "", Duration.ZERO));

        assertThat(executor.exec(NODE, List.of("true"), TIMEOUT).stdout()).isEqualTo("ok");
    }

    @Test
    void matchesByArgumentPrefixAndNotByAShorterVector() {
        executor.on(List.of("systemctl", "is-active", "kubelet"), new ExecResult(0, "active\n", "", Duration.ZERO));

        assertThat(executor.exec(NODE, List.of("systemctl", "is-active", "kubelet"), TIMEOUT).exit()).isZero();
        assertThat(executor.exec(NODE, List.of("systemctl", "is-active"), TIMEOUT).exit()).isEqualTo(127);
        assertThat(executor.exec(NODE, List.of("systemctl", "is-active", "etcd"), TIMEOUT).exit()).isEqualTo(127);
    }

    @Test
    void theLatestMatchingRuleWinsSoATestCanOverrideAnAnswer() {
        executor.onCommand("kubeadm", 0, "first").onCommand("kubeadm", 1, "second");

        assertThat(executor.exec(NODE, List.of("kubeadm", "init"), TIMEOUT).stdout()).isEqualTo("second");
    }

    @Test
    void answersCommandsThatAPredicateAccepts() {
        executor.on(argv -> argv.contains("--json"), new ExecResult(0, "{}", "", Duration.ZERO));

        assertThat(executor.exec(NODE, List.of("anything", "--json"), TIMEOUT).stdout()).isEqualTo("{}");
    }

    @Test
    void throwsTheScriptedExecExceptionForAMatchingCommand() {
        executor.throwing(List.of("ssh-keyscan"), new ExecException("timed out after 5s on node-1"));

        assertThatThrownBy(() -> executor.exec(NODE, List.of("ssh-keyscan", "10.0.0.1"), TIMEOUT))
                .isInstanceOf(ExecException.class).hasMessage("timed out after 5s on node-1");
        assertThat(executor.exec(NODE, List.of("true"), TIMEOUT).exit()).isEqualTo(127);
    }

    @Test
    void anUnreachableHostFailsEveryCommandButStillRecordsIt() {
        executor.onCommand("true", 0, "").unreachable("cannot reach node-1: connection refused");

        assertThatThrownBy(() -> executor.exec(NODE, List.of("true"), TIMEOUT))
                .isInstanceOf(ExecException.class).hasMessageContaining("connection refused");
        assertThat(executor.calls()).hasSize(1);
    }

    @Test
    void recordsEveryCallInOrderWithHostArgumentsAndTimeout() {
        Host other = Host.of("node-2", "10.0.0.2");
        executor.exec(NODE, List.of("uname", "-r"), TIMEOUT);
        executor.exec(other, List.of("hostname"), Duration.ofSeconds(1));

        assertThat(executor.calls()).containsExactly(
                new ScriptedHostExecutor.Call(NODE, List.of("uname", "-r"), TIMEOUT),
                new ScriptedHostExecutor.Call(other, List.of("hostname"), Duration.ofSeconds(1)));
    }

    @Test
    void recordsEveryUploadWithACopyOfItsContent() {
        byte[] content = "secret".getBytes(StandardCharsets.UTF_8);
        executor.upload(NODE, "/etc/kubernetes/token", content, 0600);
        content[0] = 'X';

        ScriptedHostExecutor.Upload upload = executor.uploads().get(0);
        assertThat(upload.path()).isEqualTo("/etc/kubernetes/token");
        assertThat(upload.mode()).isEqualTo(0600);
        assertThat(new String(upload.content(), StandardCharsets.UTF_8)).isEqualTo("secret");
        assertThat(upload).isEqualTo(new ScriptedHostExecutor.Upload(NODE, "/etc/kubernetes/token",
                "secret".getBytes(StandardCharsets.UTF_8), 0600));
        assertThat(upload.toString()).doesNotContain("secret").contains("6 bytes", "mode 600");
    }

    @Test
    void callsAndUploadsAreSnapshotsTheTestCannotModify() {
        executor.exec(NODE, List.of("true"), TIMEOUT);

        assertThatThrownBy(() -> executor.calls().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> executor.uploads().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsEveryCallMadeFromManyThreads() throws InterruptedException {
        List<Thread> threads = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> new Thread(() -> {
                    for (int j = 0; j < 100; j++) {
                        executor.exec(NODE, List.of("echo", i + "-" + j), TIMEOUT);
                    }
                }))
                .toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(executor.calls()).hasSize(800);
    }
}
