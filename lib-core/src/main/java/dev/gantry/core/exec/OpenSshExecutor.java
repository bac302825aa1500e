package dev.gantry.core.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on remote hosts through the system OpenSSH client ({@code ssh}), so users keep
 * their {@code ~/.ssh/config}, agent, jump hosts and certificates.
 *
 * <p>Every call runs {@code ssh} with:
 * <ul>
 *   <li>{@code BatchMode=yes}: never prompts; a missing key fails at once;
 *   <li>{@code ConnectTimeout} (default 10 s) and {@code LogLevel=ERROR};
 *   <li>connection reuse: {@code ControlMaster=auto}, {@code ControlPath} and
 *       {@code ControlPersist} (default 60 s). By default the sockets live in a private directory
 *       (mode 0700) that the executor creates on first use under {@code $XDG_RUNTIME_DIR} or
 *       {@code java.io.tmpdir} (or {@code /tmp} when those paths are too long for a Unix socket)
 *       and removes in {@link #close()}; it needs no {@code ~/.ssh}. When no such directory can be
 *       made, every command opens its own connection;
 *   <li>the {@link HostKeyPolicy} (default {@link HostKeyPolicy#STRICT}) and, when set, a
 *       known-hosts file, an identity file, a config file ({@code -F}) and extra {@code -o} options;
 *   <li>user and port from {@link Host#ssh()}.
 * </ul>
 *
 * <p>The remote command is the argument vector quoted with {@link ShellQuote#join} for the
 * remote login shell, which must be POSIX compatible (sh, dash, bash, zsh). By default it runs
 * under coreutils {@code timeout}, so that a command killed here at its timeout also ends there.
 * ssh's own failures (exit code 255: no route, refused, unknown host key, key not accepted, a
 * connection-reuse socket that cannot be created) throw {@link ExecException} with ssh's message
 * and advice for that cause; a remote command exiting 255 is reported the same way.
 * {@link #upload} sends the content on stdin to
 * {@code sh -c 'umask 077; cat > tmp && chmod MODE tmp && mv -f tmp PATH'}; it needs no scp.
 *
 * <pre>{@code
 * try (OpenSshExecutor ssh = OpenSshExecutor.builder()
 *         .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
 *         .identityFile(Path.of("/home/ops/.ssh/id_ed25519"))
 *         .build()) {
 *     ssh.exec(Host.of(inventory.machine("cp-1").orElseThrow()), List.of("uptime"), Duration.ofSeconds(20));
 * }
 * }</pre>
 *
 * <p>Thread-safe; its settings never change, and {@link #newBuilder()} starts a variant (with its
 * own socket directory). {@link #close()} ends the shared connections it opened and removes its
 * socket directory; calls after that throw {@link IllegalStateException}.
 */
public final class OpenSshExecutor implements HostExecutor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenSshExecutor.class);
    private static final int SSH_FAILED = 255;
    private static final Pattern OPTION = Pattern.compile("[A-Za-z]+=\\S.*");
    private static final Duration REMOTE_KILL_GRACE = Duration.ofSeconds(5);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Builder settings;
    private final ControlSockets sockets = ControlSockets.ofDefaults();
    private final Set<Host> connected = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private OpenSshExecutor(Builder settings) {
        this.settings = settings.copy();
    }

    /**
     * An executor with the defaults listed above.
     *
     * @return the executor; close it to remove its socket directory
     */
    public static OpenSshExecutor ofDefaults() {
        return builder().build();
    }

    /**
     * A builder holding the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this executor's settings, for a variant.
     *
     * @return the builder
     */
    public Builder newBuilder() {
        return settings.copy();
    }

    @Override
    public ExecResult exec(Host host, List<String> argv, Duration timeout) {
        return exec(host, Command.of(argv), timeout);
    }

    @Override
    public ExecResult exec(Host host, Command command, Duration timeout) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(command, "command");
        Execs.checkTimeout(timeout);
        checkOpen();
        if (command.masked().isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        log.debug("{}: running {} over ssh", host.name(), command);
        ExecResult result = command.redact(ssh(host, remoteCommand(command.reveal(), timeout), new byte[0], timeout,
                command.toString(), command));
        log.debug("{}: {} exited {} after {} ms", host.name(), command, result.exit(), result.duration().toMillis());
        return result;
    }

    @Override
    public void upload(Host host, String path, byte[] content, int mode) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(content, "content");
        checkOpen();
        String target = Execs.absolute(path).toString();
        FileModes.check(mode);
        String temp = target + ".gantry-" + HexFormat.of().formatHex(randomBytes());
        String script = "umask 077; cat > " + ShellQuote.quote(temp) + " && chmod " + FileModes.octal(mode) + " "
                + ShellQuote.quote(temp) + " && mv -f " + ShellQuote.quote(temp) + " " + ShellQuote.quote(target)
                + " || { rm -f " + ShellQuote.quote(temp) + "; exit 1; }";
        String what = "upload of " + target;
        log.debug("{}: writing {} ({} bytes, mode {}) over ssh", host.name(), target, content.length,
                FileModes.octal(mode));
        ExecResult result = ssh(host, ShellQuote.join(List.of("sh", "-c", script)), content,
                settings.uploadTimeout, what, Command.of());
        if (!result.ok()) {
            throw new ExecException(host.name() + ": cannot write " + target + " (exit " + result.exit() + "): "
                    + result.stderr().strip() + "; check that the directory exists and is writable by "
                    + host.ssh().user());
        }
    }

    /**
     * Closes the shared connection to {@code host}, if one is open; a no-op otherwise or when
     * connection reuse is off.
     *
     * @param host the host to disconnect from
     */
    public void disconnect(Host host) {
        Objects.requireNonNull(host, "host");
        connected.remove(host);
        Optional<String> controlPath = existingControlPath();
        if (controlPath.isEmpty()) {
            return;
        }
        List<String> argv = baseArgv(host, controlPath);
        argv.subList(argv.size() - 3, argv.size()).clear();
        argv.addAll(List.of("-O", "exit", "--", address(host)));
        try {
            ProcessRunner.run(argv, new byte[0], CONTROL_TIMEOUT);
        } catch (IOException | ProcessRunner.TimedOut e) {
            log.debug("{}: closing the shared ssh connection failed: {}", host.name(), e.toString());
        }
    }

    /**
     * Closes every shared connection this executor opened and removes its private socket
     * directory; a second call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            List.copyOf(connected).forEach(this::disconnect);
        } finally {
            sockets.delete();
        }
    }

    /** The private socket directory, once created; package-private for tests. */
    Optional<Path> controlDirectory() {
        return sockets.directory();
    }

    /** The ssh command line for {@code host} without the remote command; package-private for tests. */
    List<String> argv(Host host, String remoteCommand) {
        return argv(host, remoteCommand, controlPath());
    }

    private List<String> argv(Host host, String remoteCommand, Optional<String> controlPath) {
        List<String> argv = baseArgv(host, controlPath);
        argv.set(argv.size() - 1, remoteCommand);
        return argv;
    }

    /** The ControlPath for the next command, creating the private directory when it is the default. */
    private Optional<String> controlPath() {
        if (!settings.reuse) {
            return Optional.empty();
        }
        return settings.controlPath.isPresent() ? settings.controlPath : sockets.controlPath();
    }

    /** The ControlPath of connections already open, without creating a directory for none. */
    private Optional<String> existingControlPath() {
        if (!settings.reuse) {
            return Optional.empty();
        }
        return settings.controlPath.isPresent()
                ? settings.controlPath
                : sockets.directory().map(d -> d + "/%C");
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private List<String> baseArgv(Host host, Optional<String> controlPath) {
        Builder s = settings;
        List<String> argv = new ArrayList<>(List.of(s.ssh));
        s.configFile.ifPresent(file -> argv.addAll(List.of("-F", file.toString())));
        option(argv, "BatchMode=yes");
        option(argv, "ConnectTimeout=" + Math.max(1, s.connectTimeout.toSeconds()));
        option(argv, "LogLevel=ERROR");
        controlPath.ifPresent(path -> {
            option(argv, "ControlMaster=auto");
            option(argv, "ControlPath=" + path);
            option(argv, "ControlPersist=" + Math.max(1, s.controlPersist.toSeconds()));
        });
        switch (s.hostKeyPolicy) {
            case STRICT -> option(argv, "StrictHostKeyChecking=yes");
            case ACCEPT_NEW -> option(argv, "StrictHostKeyChecking=accept-new");
            case FROM_CONFIG -> { }
        }
        s.knownHostsFile.ifPresent(file -> option(argv, "UserKnownHostsFile=" + file));
        s.identityFile.ifPresent(file -> {
            argv.addAll(List.of("-i", file.toString()));
            option(argv, "IdentitiesOnly=yes");
        });
        s.options.forEach(extra -> option(argv, extra));
        argv.addAll(List.of("-p", Integer.toString(host.ssh().port()), "-l", host.ssh().user()));
        argv.addAll(List.of("--", address(host), ""));
        return argv;
    }

    private static void option(List<String> argv, String keyValue) {
        argv.add("-o");
        argv.add(keyValue);
    }

    private static String address(Host host) {
        if (host.address().startsWith("-") || host.address().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(host.name() + ": '" + host.address() + "' is not a host address");
        }
        return host.address();
    }

    private String remoteCommand(List<String> argv, Duration timeout) {
        if (!settings.remoteTimeout) {
            return ShellQuote.join(argv);
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        List<String> wrapped = new ArrayList<>(List.of("timeout", "--kill-after=" + REMOTE_KILL_GRACE.toSeconds(),
                Long.toString(seconds)));
        wrapped.addAll(argv);
        return ShellQuote.join(wrapped);
    }

    private ExecResult ssh(Host host, String remoteCommand, byte[] stdin, Duration timeout, String what,
            Command secrets) {
        Optional<String> controlPath = controlPath();
        controlPath.ifPresent(path -> connected.add(host));
        try {
            ProcessRunner.Raw raw = ProcessRunner.run(argv(host, remoteCommand, controlPath), stdin, timeout);
            if (raw.exit() == SSH_FAILED) {
                String stderr = secrets.redact(raw.stderr().strip());
                throw new ExecException(host.name() + ": ssh " + host.ssh().user() + "@" + host.address() + ":"
                        + host.ssh().port() + " failed for `" + what + "` (exit 255): " + stderr + "; "
                        + SshDiagnosis.hint(stderr, controlPath, settings.hostKeyPolicy, host.ssh().user()));
            }
            return new ExecResult(raw.exit(), raw.stdout(), raw.stderr(), raw.duration());
        } catch (ProcessRunner.TimedOut e) {
            throw new ExecException(host.name() + ": `" + what + "` did not end within " + timeout
                    + "; the ssh client was killed");
        } catch (IOException | UncheckedIOException e) {
            throw new ExecException(host.name() + ": cannot run " + settings.ssh + " for `" + what + "`: "
                    + secrets.redact(String.valueOf(e.getMessage())) + "; check that the OpenSSH client is installed");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        String control = !settings.reuse ? "off"
                : settings.controlPath.orElseGet(() -> sockets.directory().map(d -> d + "/%C").orElse("private"));
        return "OpenSshExecutor[" + settings.hostKeyPolicy + ", control " + control + "]";
    }

    /**
     * Settings for an {@link OpenSshExecutor}; each setter validates its argument at once. Not
     * thread-safe; {@link #build()} copies it.
     */
    public static final class Builder {

        private String ssh = "ssh";
        private Optional<Path> configFile = Optional.empty();
        private Optional<Path> identityFile = Optional.empty();
        private Optional<Path> knownHostsFile = Optional.empty();
        private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.STRICT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean reuse = true;
        private Optional<String> controlPath = Optional.empty();
        private Duration controlPersist = Duration.ofSeconds(60);
        private Duration uploadTimeout = Duration.ofSeconds(60);
        private boolean remoteTimeout = true;
        private List<String> options = List.of();

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.ssh = ssh;
            b.configFile = configFile;
            b.identityFile = identityFile;
            b.knownHostsFile = knownHostsFile;
            b.hostKeyPolicy = hostKeyPolicy;
            b.connectTimeout = connectTimeout;
            b.reuse = reuse;
            b.controlPath = controlPath;
            b.controlPersist = controlPersist;
            b.uploadTimeout = uploadTimeout;
            b.remoteTimeout = remoteTimeout;
            b.options = options;
            return b;
        }

        /**
         * Sets the ssh client program.
         *
         * @param program the ssh client to run, a name on the PATH or an absolute path; default {@code ssh}
         * @return this builder
         */
        public Builder sshProgram(String program) {
            Objects.requireNonNull(program, "program");
            if (program.isBlank()) {
                throw new IllegalArgumentException("sshProgram must not be blank");
            }
            this.ssh = program;
            return this;
        }

        /**
         * Sets the ssh config file.
         *
         * @param file an ssh config file passed with {@code -F}, replacing {@code ~/.ssh/config}; by
         *     default ssh reads the user's own
         * @return this builder
         */
        public Builder configFile(Path file) {
            this.configFile = Optional.of(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Sets the identity file.
         *
         * @param file a private key passed with {@code -i} (and {@code IdentitiesOnly=yes}); by
         *     default the agent and the config decide
         * @return this builder
         */
        public Builder identityFile(Path file) {
            this.identityFile = Optional.of(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Sets the known-hosts file.
         *
         * @param file the known-hosts file ({@code UserKnownHostsFile}); default ssh's own
         * @return this builder
         */
        public Builder knownHostsFile(Path file) {
            this.knownHostsFile = Optional.of(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Sets the host-key policy.
         *
         * @param policy what to do with unknown host keys; default {@link HostKeyPolicy#STRICT}
         * @return this builder
         */
        public Builder hostKeyPolicy(HostKeyPolicy policy) {
            this.hostKeyPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param timeout how long to wait for the TCP connection and the handshake; default 10 s,
         *     at least 1 s
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toSeconds() < 1) {
                throw new IllegalArgumentException("connectTimeout must be at least 1s, got " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Reuses one connection per host through a socket in the executor's own private directory
         * (the default), keeping an idle connection open for {@code persist}.
         *
         * @param persist how long an idle shared connection stays open; default 60 s, at least 1 s
         * @return this builder
         */
        public Builder connectionReuse(Duration persist) {
            this.controlPersist = checkPersist(persist);
            this.reuse = true;
            this.controlPath = Optional.empty();
            return this;
        }

        /**
         * Reuses one connection per host through a socket at {@code path}, which the caller
         * provides: its directory must exist with mode 0700, and the expanded path must stay
         * under 104 bytes (Unix socket paths are that short).
         *
         * @param path where the shared connection's socket lives, with ssh's {@code %} tokens
         *     ({@code %C} is a hash of host, port and user), such as {@code ~/.ssh/gantry-%C}
         * @param persist how long an idle shared connection stays open; default 60 s, at least 1 s
         * @return this builder
         */
        public Builder connectionReuse(String path, Duration persist) {
            Objects.requireNonNull(path, "path");
            if (path.isBlank()) {
                throw new IllegalArgumentException("connectionReuse needs a control path, got '" + path + "'");
            }
            this.controlPersist = checkPersist(persist);
            this.reuse = true;
            this.controlPath = Optional.of(path);
            return this;
        }

        private static Duration checkPersist(Duration persist) {
            Objects.requireNonNull(persist, "persist");
            if (persist.toSeconds() < 1) {
                throw new IllegalArgumentException("connectionReuse needs at least 1s to persist, got " + persist);
            }
            return persist;
        }

        /**
         * Opens a new connection for every command.
         *
         * @return this builder
         */
        public Builder withoutConnectionReuse() {
            this.reuse = false;
            this.controlPath = Optional.empty();
            return this;
        }

        /**
         * Sets the upload timeout.
         *
         * @param timeout how long an {@link OpenSshExecutor#upload} may take; default 60 s
         * @return this builder
         */
        public Builder uploadTimeout(Duration timeout) {
            this.uploadTimeout = Execs.checkTimeout(timeout);
            return this;
        }

        /**
         * Turns the remote {@code timeout} wrapper on or off.
         *
         * @param enabled whether remote commands run under coreutils {@code timeout} with the
         *     call's timeout; default {@code true}. Turn it off for hosts without coreutils.
         * @return this builder
         */
        public Builder remoteTimeout(boolean enabled) {
            this.remoteTimeout = enabled;
            return this;
        }

        /**
         * Adds extra ssh options.
         *
         * @param keyValues extra ssh options such as {@code ServerAliveInterval=15} or
         *     {@code ProxyJump=bastion}, passed with {@code -o} after Gantry's own (ssh uses the
         *     first value it sees, so these cannot override the options above)
         * @return this builder
         */
        public Builder options(List<String> keyValues) {
            List<String> copy = List.copyOf(keyValues);
            for (String option : copy) {
                if (!OPTION.matcher(option).matches()) {
                    throw new IllegalArgumentException("ssh option must look like Key=value, got '" + option + "'");
                }
            }
            this.options = copy;
            return this;
        }

        /**
         * Builds the executor; the builder can be reused.
         *
         * @return the executor, which owns its socket directory until closed
         */
        public OpenSshExecutor build() {
            return new OpenSshExecutor(this);
        }
    }
}
