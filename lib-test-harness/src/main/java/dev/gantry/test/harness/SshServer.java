package dev.gantry.test.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real OpenSSH server on {@code 127.0.0.1} for tests, with its own generated host key, a
 * generated client key authorised for the current user, a pinned {@code known_hosts} and an empty
 * client config, so tests never read the user's {@code ~/.ssh}. Flags as recorded in
 * {@code shared/research/real-components.md}, section 4 ({@code UsePAM no},
 * {@code StrictModes no}, {@code /run/sshd} created when missing).
 *
 * <p>A test gets one as a parameter through {@link RealPrograms}, or starts one through
 * {@link RealProcesses}:
 *
 * <pre>{@code
 * SshServer sshd = SshServer.start(processes);
 * // ssh -F sshd.clientConfig() -i sshd.clientKey() -o UserKnownHostsFile=sshd.knownHosts()
 * //     -p sshd.port() sshd.user()@127.0.0.1
 * }</pre>
 *
 * <p>The keys and configs live in the sshd process's working directory, which stopping the
 * process deletes, so no private key outlives the test. Immutable once started; thread-safe.
 */
public final class SshServer {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration KEYGEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Path PRIVILEGE_SEPARATION_DIR = Path.of("/run/sshd");

    private final RealProcess process;
    private final Path dir;
    private final int port;

    private SshServer(RealProcess process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Generates the keys and starts {@code sshd -D -e} through {@code processes}.
     *
     * @param processes the test's process scope, which stops sshd afterwards
     * @return the running server
     * @throws org.opentest4j.TestAbortedException when sshd or ssh-keygen is not installed, outside CI
     * @throws AssertionError when one is not installed on CI, or sshd does not listen within 60 s
     */
    public static SshServer start(RealProcesses processes) {
        Objects.requireNonNull(processes, "processes");
        Path sshd = Programs.require("sshd", "openssh-server");
        Path keygen = Programs.require("ssh-keygen", "openssh-client");
        int port = LoopbackPorts.allocate();
        AtomicReference<Path> keys = new AtomicReference<>();
        RealProcess process = processes.start(RealProcess.builder("sshd")
                .commandInWorkDir(dir -> {
                    keys.set(prepare(keygen, dir, port));
                    return List.of(sshd.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString());
                })
                .readiness(Readiness.tcpPort(LoopbackPorts.HOST, port), STARTUP));
        return new SshServer(process, keys.get(), port);
    }

    /** Writes the keys and configs into the process's working directory, which its close deletes. */
    private static Path prepare(Path keygen, Path dir, int port) {
        try {
            privilegeSeparationDir();
            keygen(keygen, dir.resolve("host_ed25519"));
            keygen(keygen, dir.resolve("client_ed25519"));
            Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
            String[] hostKey = Files.readString(dir.resolve("host_ed25519.pub")).strip().split(" ");
            Files.writeString(dir.resolve("known_hosts"),
                    "[" + LoopbackPorts.HOST + "]:" + port + " " + hostKey[0] + " " + hostKey[1] + "\n");
            Files.writeString(dir.resolve("ssh_config"), "# empty: tests do not read ~/.ssh/config\n");
            Files.writeString(dir.resolve("sshd_config"), config(dir, port));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare sshd keys and config in " + dir, e);
        }
    }

    private static String config(Path dir, int port) {
        return String.join("\n",
                "Port " + port,
                "ListenAddress " + LoopbackPorts.HOST,
                "HostKey " + dir.resolve("host_ed25519"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "MaxSessions 50",
                "MaxStartups 50:30:100",
                "");
    }

    private static void privilegeSeparationDir() throws IOException {
        if (!Files.isDirectory(PRIVILEGE_SEPARATION_DIR)) {
            Files.createDirectories(PRIVILEGE_SEPARATION_DIR);
            Files.setPosixFilePermissions(PRIVILEGE_SEPARATION_DIR, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void keygen(Path keygen, Path key) throws IOException {
        Process process = new ProcessBuilder(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "gantry-it",
                "-f", key.toString()).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(KEYGEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("ssh-keygen failed for " + key + ": "
                        + new String(process.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating " + key, e);
        }
    }

    /**
     * The TCP port sshd listens on at {@link LoopbackPorts#HOST}.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The login user: the user running the tests.
     *
     * @return the user name
     */
    public String user() {
        return System.getProperty("user.name");
    }

    /**
     * The client's private key, authorised for {@link #user()}.
     *
     * @return the key file
     */
    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /**
     * A known_hosts file that pins this server's host key.
     *
     * @return the file
     */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /**
     * An empty ssh client config, for {@code ssh -F}, so that {@code ~/.ssh/config} is not read.
     *
     * @return the file
     */
    public Path clientConfig() {
        return dir.resolve("ssh_config");
    }

    /**
     * The directory holding the keys and configs: sshd's working directory, deleted when it stops.
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    /**
     * The sshd process, to stop or kill it.
     *
     * @return the process
     */
    public RealProcess process() {
        return process;
    }
}
