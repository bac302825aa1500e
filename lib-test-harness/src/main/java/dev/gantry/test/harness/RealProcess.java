package dev.gantry.test.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real program started by a test, such as an etcd member or an sshd, with its own working
 * directory and log file.
 *
 * <p>stdout and stderr go to {@code <gantry.it.logs>/<group>/<name>.log} (the group is the test
 * class when started through {@link RealProcesses}, else the name; a second process of the same
 * name in one JVM gets {@code <name>-2.log}). The working directory is a fresh
 * {@code <gantry.it.work>/<name>-<random>}, deleted by {@link #close()}; the log is kept.
 *
 * <p>The process is only ever signalled through the handle of the process this object started and
 * the handles of its descendants, never by name and never by a bare PID, so a wrapped PID cannot
 * hit an unrelated process.
 *
 * <pre>{@code
 * try (RealProcess sh = RealProcess.builder("greeter")
 *         .command("/bin/sh", "-c", "echo ready; exec sleep 60")
 *         .readiness(Readiness.logLine(Pattern.compile("^ready$")), Duration.ofSeconds(10))
 *         .start()) {
 *     assertThat(sh.isAlive()).isTrue();
 * }
 * }</pre>
 *
 * <p>Tests should start processes through {@link RealProcesses}, which stops them even when the
 * test fails. Thread-safe: {@link #stop()}, {@link #kill()} and {@link #close()} may race with
 * each other and with the JVM shutdown hook.
 */
public final class RealProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealProcess.class);

    /** How long {@link #stop()} waits after SIGTERM before it sends SIGKILL, unless configured. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    private static final Duration EXIT_AFTER_KILL = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_LINES_IN_FAILURES = 30;
    private static final String NO_PROBE_FINISHED = "none";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Log files claimed in this JVM, so that no two processes (or restarts) share one. */
    private static final Set<Path> CLAIMED_LOG_FILES = ConcurrentHashMap.newKeySet();

    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path workDir;
    private final Path logFile;
    private final Duration stopGrace;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RealProcess(String name, List<String> command, Process process, Path workDir, Path logFile,
            Duration stopGrace) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.workDir = workDir;
        this.logFile = logFile;
        this.stopGrace = stopGrace;
    }

    /**
     * Starts describing a process.
     *
     * @param name a short name for logs and directories: letters, digits, {@code . _ -}
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The name given to the builder.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The command line that was started.
     *
     * @return the program and its arguments
     */
    public List<String> command() {
        return command;
    }

    /**
     * The operating-system process id; for messages and assertions, not for signalling.
     *
     * @return the PID
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The process's own working directory; it exists until {@link #close()}.
     *
     * @return an absolute path
     */
    public Path workDir() {
        return workDir;
    }

    /**
     * The file that receives the process's stdout and stderr; kept after {@link #close()}.
     *
     * @return an absolute path
     */
    public Path logFile() {
        return logFile;
    }

    /**
     * Whether the started process is still running (its descendants are not considered).
     *
     * @return {@code true} while it runs
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The exit code, once the process has ended; 128 + n after signal n (137 after SIGKILL).
     *
     * @return the exit code, or empty while the process runs
     */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Everything the process has written so far; malformed UTF-8 is replaced, not rejected.
     *
     * @return the log text, empty when nothing was written
     */
    public String log() {
        try {
            return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + name + ": " + logFile, e);
        }
    }

    /**
     * The last lines the process has written.
     *
     * @param lines how many lines at most, not negative
     * @return up to {@code lines} lines, oldest first
     */
    public List<String> logTail(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must not be negative, got " + lines);
        }
        List<String> all = log().lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    /**
     * Polls {@code readiness} every 100 ms until it passes, the deadline passes, or the process exits.
     *
     * @param readiness what to wait for
     * @param deadline how long to wait at most
     * @throws AssertionError naming what was awaited, the deadline, whether the process exited
     *     (and its exit code), the last probe failure and the last 30 log lines
     */
    public void await(Readiness readiness, Duration deadline) {
        Objects.requireNonNull(readiness, "readiness");
        requirePositive(deadline, "deadline");
        AtomicReference<String> lastFailure = new AtomicReference<>(NO_PROBE_FINISHED);
        try {
            Awaitility.await(name + ": " + readiness.description())
                    .atMost(deadline)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .failFast("process exited", () -> !process.isAlive())
                    .until(() -> probe(readiness, lastFailure));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(notReadyMessage(readiness, deadline, lastFailure.get()));
        }
        log.debug("{} (pid {}) is ready: {}", name, pid(), readiness.description());
    }

    /**
     * Sends SIGTERM to the process and its descendants, waits for the grace period, then sends
     * SIGKILL to whatever still runs. Does nothing to processes that already ended.
     */
    public void stop() {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (!process.isAlive() && descendants.isEmpty()) {
            return;
        }
        log.info("Stopping {} (pid {}) with SIGTERM", name, pid());
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        if (!awaitExit(descendants, stopGrace)) {
            log.warn("{} (pid {}) still runs {} after SIGTERM; sending SIGKILL", name, pid(), format(stopGrace));
            kill(descendants);
        }
    }

    /** Sends SIGKILL to the process and its descendants at once, as a crash would end them. */
    public void kill() {
        kill(process.descendants().toList());
    }

    /** Stops the process (see {@link #stop()}) and deletes its working directory; keeps the log. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stop();
        } finally {
            LiveProcesses.forget(this);
            deleteRecursively(workDir);
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + ", " + (isAlive() ? "running" : "exited " + process.exitValue())
                + ", log " + logFile + "]";
    }

    private void kill(List<ProcessHandle> descendants) {
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(descendants, EXIT_AFTER_KILL)) {
            log.warn("{} (pid {}) or a descendant still runs {} after SIGKILL", name, pid(), format(EXIT_AFTER_KILL));
        }
    }

    private boolean awaitExit(List<ProcessHandle> descendants, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), descendants.stream()).toList();
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for pid " + handle.pid() + " failed", e);
            }
        }
        return true;
    }

    private boolean probe(Readiness readiness, AtomicReference<String> lastFailure) {
        try {
            if (readiness.isReady(this)) {
                return true;
            }
            lastFailure.set("not ready yet");
        } catch (InterruptedException e) {
            // Awaitility interrupts a probe still running at the deadline; the previous failure stays.
            Thread.currentThread().interrupt();
            lastFailure.compareAndSet(NO_PROBE_FINISHED, "the only probe was still running at the deadline");
        } catch (Exception e) {
            lastFailure.set(describe(e));
        }
        return false;
    }

    private String notReadyMessage(Readiness readiness, Duration deadline, String lastFailure) {
        String state = process.isAlive()
                ? "still running"
                : "exited with exit code " + process.exitValue();
        return new StringBuilder()
                .append(name).append(" (pid ").append(pid()).append(") was not ready within ")
                .append(format(deadline)).append(": awaited ").append(readiness.description()).append('\n')
                .append("process: ").append(state).append('\n')
                .append("last probe failure: ").append(lastFailure).append('\n')
                .append("command: ").append(String.join(" ", command)).append('\n')
                .append("last ").append(LOG_LINES_IN_FAILURES).append(" lines of ").append(logFile).append(':')
                .append(indentedLogTail(LOG_LINES_IN_FAILURES))
                .toString();
    }

    /** The last lines of the log for a message, each on its own line after {@code "  | "}. */
    String indentedLogTail(int lines) {
        StringBuilder tail = new StringBuilder();
        logTail(lines).forEach(line -> tail.append("\n  | ").append(line));
        return tail.length() == 0 ? " (empty)" : tail.toString();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static Duration requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration;
    }

    private static String requireFileName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME + ", got '" + value + "'");
        }
        return value;
    }

    private static Path claimLogFile(Path directory, String name) {
        for (int n = 1; ; n++) {
            Path candidate = directory.resolve(n == 1 ? name + ".log" : name + "-" + n + ".log");
            if (CLAIMED_LOG_FILES.add(candidate)) {
                return candidate;
            }
        }
    }

    /** Deletes a directory and everything in it; a failure is logged at WARN, not thrown. */
    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the working directory {}: {}", directory, e.toString());
        }
    }

    /**
     * Describes a process before it starts. Not thread-safe; {@link #start()} may be called more
     * than once, each call starting a new process.
     */
    public static final class Builder {

        private final String name;
        private Function<Path, List<String>> commandForWorkDir;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<Path, String> files = new LinkedHashMap<>();
        private Readiness readiness;
        private Duration readinessDeadline;
        private String logGroup;
        private Duration stopGrace = DEFAULT_STOP_GRACE;

        private Builder(String name) {
            this.name = requireFileName(name, "name");
        }

        /**
         * The program and its arguments; no shell is involved.
         *
         * @param argv the program (preferably an absolute path from {@link Programs}) and its arguments
         * @return this builder
         */
        public Builder command(String... argv) {
            return command(List.of(argv));
        }

        /**
         * The program and its arguments; no shell is involved.
         *
         * @param argv the program and its arguments, not empty
         * @return this builder
         */
        public Builder command(List<String> argv) {
            List<String> command = List.copyOf(argv);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("argv must name a program");
            }
            this.commandForWorkDir = workDir -> command;
            return this;
        }

        /**
         * A command line that names paths inside the working directory, which only exists at start.
         *
         * <pre>{@code
         * .commandInWorkDir(dir -> List.of(etcd.toString(), "--data-dir", dir.resolve("data").toString()))
         * }</pre>
         *
         * @param commandForWorkDir builds the program and its arguments from the working directory
         * @return this builder
         */
        public Builder commandInWorkDir(Function<Path, List<String>> commandForWorkDir) {
            this.commandForWorkDir = Objects.requireNonNull(commandForWorkDir, "commandForWorkDir");
            return this;
        }

        /**
         * Adds an environment variable to the ones inherited from the JVM.
         *
         * @param key the variable name
         * @param value its value
         * @return this builder
         */
        public Builder env(String key, String value) {
            environment.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * A file written into the working directory before the process starts, such as a config.
         *
         * @param relativePath where, relative to the working directory; parents are created
         * @param content the UTF-8 text
         * @return this builder
         */
        public Builder file(String relativePath, String content) {
            Path path = Path.of(Objects.requireNonNull(relativePath, "relativePath")).normalize();
            if (path.isAbsolute() || path.startsWith("..") || path.toString().isEmpty()) {
                throw new IllegalArgumentException(
                        "relativePath must stay inside the working directory, got '" + relativePath + "'");
            }
            files.put(path, Objects.requireNonNull(content, "content"));
            return this;
        }

        /**
         * What {@link #start()} waits for before it returns; without it, start returns at once.
         *
         * @param readiness what to wait for
         * @param deadline how long to wait at most
         * @return this builder
         */
        public Builder readiness(Readiness readiness, Duration deadline) {
            this.readiness = Objects.requireNonNull(readiness, "readiness");
            this.readinessDeadline = requirePositive(deadline, "deadline");
            return this;
        }

        /**
         * The directory under {@code gantry.it.logs} for the log file; defaults to the test class
         * (through {@link RealProcesses}) or else the name.
         *
         * @param group a directory name: letters, digits, {@code . _ -}
         * @return this builder
         */
        public Builder logGroup(String group) {
            this.logGroup = requireFileName(group, "group");
            return this;
        }

        /**
         * How long {@link RealProcess#stop()} waits after SIGTERM before SIGKILL; default 5 s.
         *
         * @param grace a positive duration
         * @return this builder
         */
        public Builder stopGrace(Duration grace) {
            this.stopGrace = requirePositive(grace, "grace");
            return this;
        }

        /**
         * Starts the process and waits for its readiness, if one was given. When it does not get
         * ready, the process is stopped and its working directory deleted before the error is thrown.
         *
         * @return the running process; the caller closes it
         * @throws AssertionError when the readiness deadline passes or the process exits first
         * @throws UncheckedIOException when the directories or the process cannot be created
         */
        public RealProcess start() {
            if (commandForWorkDir == null) {
                throw new IllegalStateException("no command set for " + name);
            }
            RealProcess started = launch();
            if (readiness != null) {
                try {
                    started.await(readiness, readinessDeadline);
                } catch (RuntimeException | Error e) {
                    started.close();
                    throw e;
                }
            }
            return started;
        }

        Builder defaultLogGroup(String group) {
            if (logGroup == null) {
                logGroup(group);
            }
            return this;
        }

        private RealProcess launch() {
            Path workDir = null;
            try {
                Path workRoot = Files.createDirectories(ItDirectories.work());
                workDir = Files.createTempDirectory(workRoot, name + "-");
                for (Map.Entry<Path, String> file : files.entrySet()) {
                    Path target = workDir.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue());
                }
                Path logDirectory = Files.createDirectories(
                        ItDirectories.logs().resolve(logGroup == null ? name : logGroup));
                Path logFile = claimLogFile(logDirectory, name);
                List<String> command = List.copyOf(commandForWorkDir.apply(workDir));
                if (command.isEmpty()) {
                    throw new IllegalArgumentException("the command for " + name + " is empty");
                }
                ProcessBuilder processBuilder = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectInput(Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(Redirect.to(logFile.toFile()));
                processBuilder.environment().putAll(environment);
                Process process = processBuilder.start();
                RealProcess started = new RealProcess(name, command, process, workDir, logFile, stopGrace);
                LiveProcesses.register(started);
                log.info("Started {} (pid {}), log {}: {}", name, process.pid(), logFile, String.join(" ", command));
                return started;
            } catch (IOException | RuntimeException e) {
                if (workDir != null) {
                    deleteRecursively(workDir);
                }
                throw e instanceof IOException io
                        ? new UncheckedIOException("cannot start " + name + ": " + io.getMessage(), io)
                        : (RuntimeException) e;
            }
        }
    }
}
