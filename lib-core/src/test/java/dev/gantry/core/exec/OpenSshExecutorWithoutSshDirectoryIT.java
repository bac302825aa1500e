package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.core.SshAccess;
import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.Programs;
import dev.gantry.test.harness.RealProcesses;
import dev.gantry.test.harness.SshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link OpenSshExecutor} run by an account whose home has no {@code .ssh}, as on a fresh machine
 * or a CI container. ssh expands {@code ~} from the password database, not from {@code $HOME}, so
 * the test creates a throwaway local user with {@code useradd} (it needs root) and runs the ssh
 * client as that user through a wrapper ({@code runuser}). The wrapper hands the executor's
 * private socket directory to that user, as if the JVM itself ran as it.
 */
class OpenSshExecutorWithoutSshDirectoryIT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    private static String user;
    private static Path home;
    private static Path wrapper;
    private static SshServer sshd;
    private static Host host;

    @BeforeAll
    static void createAUserWithoutSshDirectory() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "useradd needs root");
        Path useradd = Programs.require("useradd", "passwd");
        Path runuser = Programs.require("runuser", "util-linux");
        sshd = SshServer.start(processes);
        user = "gantry-it-" + Long.toString(ProcessHandle.current().pid(), 36);
        // Short: ~/.ssh/gantry-%C must fit in a Unix socket path for the second test to reach the bind.
        home = Files.createDirectory(
                Path.of("/tmp", "gantry-h" + Long.toString(System.nanoTime() % 2_000_000_000L, 36)));
        run(useradd.toString(), "--home-dir", home.toString(), "--no-create-home", "--shell", "/bin/sh",
                "--user-group", user);
        for (String file : List.of("client_ed25519", "known_hosts", "ssh_config")) {
            Files.copy(sshd.dir().resolve(file), home.resolve(file));
        }
        Files.setPosixFilePermissions(home.resolve("client_ed25519"), PosixFilePermissions.fromString("rw-------"));
        run("chown", "-R", user + ":", home.toString());
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        wrapper = home.resolve("ssh-as-user");
        Files.writeString(wrapper, String.join("\n",
                "#!/bin/sh",
                "for arg in \"$@\"; do",
                "  case \"$arg\" in",
                "    ControlPath=/*) dir=${arg#ControlPath=}; chown " + user + ": \"${dir%/*}\" 2>/dev/null ;;",
                "  esac",
                "done",
                "exec " + runuser + " -u " + user + " -- ssh \"$@\"",
                ""));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        host = Host.of("loopback", LoopbackPorts.HOST).withSsh(SshAccess.of(sshd.user(), sshd.port()));
    }

    @AfterAll
    static void removeTheUser() throws Exception {
        if (user == null) {
            return;
        }
        try {
            run("userdel", user);
        } finally {
            deleteRecursively(home);
        }
    }

    @Test
    void theDefaultSocketDirectoryServesAnAccountWhoseHomeHasNoSshDirectory() throws Exception {
        Path directory;
        try (OpenSshExecutor ssh = executor().build()) {
            ExecResult first = ssh.exec(host, List.of("echo", "one"), TIMEOUT);
            ExecResult second = ssh.exec(host, List.of("echo", "two"), TIMEOUT);
            directory = ssh.controlDirectory().orElseThrow();

            assertThat(first.stdout()).as(first.stderr()).isEqualTo("one\n");
            assertThat(second.stdout()).as(second.stderr()).isEqualTo("two\n");
            try (Stream<Path> sockets = Files.list(directory)) {
                assertThat(sockets).as("the shared connection's socket").hasSize(1);
            }
        }
        assertThat(directory).as("removed by close()").doesNotExist();
        assertThat(home.resolve(".ssh")).doesNotExist();
    }

    @Test
    void aControlPathUnderTheMissingSshDirectoryFailsNamingTheSocketNotTheKey() {
        try (OpenSshExecutor ssh = executor().connectionReuse("~/.ssh/gantry-%C", Duration.ofSeconds(30)).build()) {
            assertThatThrownBy(() -> ssh.exec(host, List.of("true"), TIMEOUT))
                    .isInstanceOf(ExecException.class)
                    .hasMessageContaining("unix_listener: cannot bind to path")
                    .hasMessageContaining("connection-reuse socket (ControlPath ~/.ssh/gantry-%C)")
                    .hasMessageContaining("withoutConnectionReuse()")
                    .hasMessageNotContaining("authorised");
        }
    }

    @Test
    void withoutReuseTheAccountNeedsNoSocketAtAll() {
        try (OpenSshExecutor ssh = executor().withoutConnectionReuse().build()) {
            assertThat(ssh.exec(host, List.of("echo", "plain"), TIMEOUT).stdout()).isEqualTo("plain\n");
            assertThat(ssh.controlDirectory()).isEmpty();
        }
    }

    private static OpenSshExecutor.Builder executor() {
        return OpenSshExecutor.builder()
                .sshProgram(wrapper.toString())
                .configFile(home.resolve("ssh_config"))
                .identityFile(home.resolve("client_ed25519"))
                .knownHostsFile(home.resolve("known_hosts"));
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(argv))).redirectErrorStream(true).start();
        if (!process.waitFor(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " did not end within " + ADMIN_TIMEOUT);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + process.exitValue() + ": " + output);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
