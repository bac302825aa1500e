package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.Secret;
import dev.gantry.core.SshAccess;
import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.RealPrograms;
import dev.gantry.test.harness.SshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link OpenSshExecutor} against a real OpenSSH 9 server on loopback, shared by the class. */
@RealPrograms
class OpenSshExecutorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Long enough to start a command over the shared connection on a loaded machine (peaks of 6.6 s seen). */
    private static final Duration KILLED_AFTER = Duration.ofSeconds(15);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static SshServer sshd;
    private static OpenSshExecutor ssh;
    private static Host host;

    @BeforeAll
    static void startSshd(SshServer server) {
        sshd = server;
        ssh = OpenSshExecutor.builder()
                .configFile(sshd.clientConfig())
                .identityFile(sshd.clientKey())
                .knownHostsFile(sshd.knownHosts())
                .connectionReuse(Duration.ofSeconds(30))
                .build();
        host = Host.of("loopback", LoopbackPorts.HOST).withSsh(SshAccess.of(sshd.user(), sshd.port()));
    }

    @AfterAll
    static void closeSharedConnection() {
        if (ssh != null) {
            ssh.close();
        }
    }

    @Test
    void trickyArgumentsArriveExactlyAsSent() {
        List<String> tricky = List.of("two words", "it's", "$HOME", "`id`", "$(id)", "a\nb", "über ∑ 日本 🚀", "",
                "'\"\\", "*", "~", "a=b", ";", "&&", "-n");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(tricky);

        ExecResult result = ssh.exec(host, argv, TIMEOUT);

        assertThat(result.exit()).as(result.stderr()).isZero();
        String out = result.stdout();
        assertThat(Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1))).containsExactlyElementsOf(tricky);
    }

    @Test
    void aNonZeroExitIsAResultNotAnException() {
        ExecResult result = ssh.exec(host, List.of("sh", "-c", "echo partial; echo oops >&2; exit 7"), TIMEOUT);

        assertThat(result.exit()).isEqualTo(7);
        assertThat(result.stdout()).isEqualTo("partial\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void aCommandPastItsTimeoutIsKilledAndThrows() {
        assertThatThrownBy(() -> ssh.exec(host, List.of("sleep", "60"), Duration.ofSeconds(2)))
                .isInstanceOf(ExecException.class)
                .hasMessageContaining("loopback: `sleep 60` did not end within PT2S");
    }

    @Test
    void aTimedOutRemoteCommandDoesNotOutliveTheCall() throws Exception {
        // The "remote" host is this machine, so the remote command's PID can be watched from here.
        Path pidFile = sshd.dir().resolve("remote-" + System.nanoTime() + ".pid");
        ssh.exec(host, List.of("true"), TIMEOUT); // the shared connection is up: the command starts quickly
        List<String> writesItsPidThenSleeps = List.of("sh", "-c",
                "echo $$ > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"; exec sleep 300", "sh", pidFile.toString());

        CompletableFuture<ExecResult> call = CompletableFuture.supplyAsync(
                () -> ssh.exec(host, writesItsPidThenSleeps, KILLED_AFTER));
        Awaitility.await("the remote command writes its pid").atMost(DEADLINE)
                .failFast("the call ended before the remote command started", call::isDone)
                .until(() -> Files.exists(pidFile));
        // The handle remembers the start time, so a recycled PID does not count as alive.
        ProcessHandle remote = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();

        assertThatThrownBy(() -> call.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(ExecException.class)
                .hasMessageContaining("did not end within " + KILLED_AFTER);
        Awaitility.await("the remote command ends").atMost(DEADLINE).until(() -> !remote.isAlive());
    }

    @Test
    void uploadWritesExactBytesWithTheMode() throws Exception {
        Path dir = Files.createTempDirectory(sshd.dir(), "upload-");
        String target = dir.resolve("all bytes 'quoted'.bin").toString();
        byte[] content = new byte[256 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 256);
        }

        ssh.upload(host, target, content, 0640);

        assertThat(Files.readAllBytes(Path.of(target))).isEqualTo(content);
        ExecResult stat = ssh.exec(host, List.of("stat", "-c", "%a", target), TIMEOUT);
        assertThat(stat.stdout().strip()).isEqualTo("640");
        String sha = ssh.exec(host, List.of("sha256sum", target), TIMEOUT).stdout().split(" ")[0];
        assertThat(sha).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(Path.of(target));
        }
    }

    @Test
    void uploadIntoAMissingDirectoryFailsWithTheRemoteMessage() {
        String target = sshd.dir().resolve("no-such-dir/file").toString();

        assertThatThrownBy(() -> ssh.upload(host, target, new byte[] {1}, 0600))
                .isInstanceOf(ExecException.class)
                .hasMessageContaining("cannot write " + target)
                .hasMessageContaining("Directory nonexistent");
    }

    @Test
    void anUnknownHostKeyIsRefusedUnderTheStrictPolicy() throws Exception {
        Path empty = Files.createTempFile(sshd.dir(), "known_hosts-", "");
        OpenSshExecutor strict = ssh.newBuilder().knownHostsFile(empty).withoutConnectionReuse().build();

        assertThatThrownBy(() -> strict.exec(host, List.of("true"), TIMEOUT))
                .isInstanceOf(ExecException.class)
                .hasMessageContaining("exit 255")
                .hasMessageContaining("Host key verification failed")
                .hasMessageContaining("STRICT");
    }

    @Test
    void acceptNewRecordsTheKeyOfAHostSeenForTheFirstTime() throws Exception {
        Path fresh = sshd.dir().resolve("known_hosts-" + System.nanoTime());
        OpenSshExecutor lenient = ssh.newBuilder().knownHostsFile(fresh).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
                .withoutConnectionReuse().build();

        ExecResult result = lenient.exec(host, List.of("echo", "hello"), TIMEOUT);

        assertThat(result.stdout()).isEqualTo("hello\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(fresh).content().contains("ssh-ed25519");
    }

    @Test
    void secretsEchoedByTheRemoteCommandAreMasked() {
        Command command = Command.of("sh", "-c", "echo \"token=$1\"", "sh").secret(Secret.of("tok-'x'-42"));

        ExecResult result = ssh.exec(host, command, TIMEOUT);

        assertThat(result.stdout()).isEqualTo("token=****\n");
    }

    @Test
    void commandsShareOneConnectionThroughTheControlSocket() {
        ssh.exec(host, List.of("true"), TIMEOUT);
        Path controlDir = ssh.controlDirectory().orElseThrow();

        Awaitility.await().atMost(DEADLINE).untilAsserted(() -> {
            try (var files = Files.list(controlDir)) {
                assertThat(files).hasSize(1);
            }
        });
        assertThat(ssh.exec(host, List.of("echo", "again"), TIMEOUT).stdout()).isEqualTo("again\n");
    }
}
