package dev.gantry.test;

import dev.gantry.core.exec.ExecException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link HostExecutor} that answers each command as the test scripted it and records every call
 * and upload, in order. Thread-safe.
 *
 * <p>The most recently scripted rule that matches a command answers it, so a test can override an
 * earlier answer. A command no rule matches exits 127 with {@code command not found} on standard
 * error, as a shell does, unless {@link #otherwise(ExecResult)} says otherwise. Uploads always
 * succeed and are only recorded.
 *
 * <pre>{@code
 * ScriptedHostExecutor hosts = new ScriptedHostExecutor().
 *         onCommand("mdadm", 0, "ARRAY /dev/md0 level=raid0\n");
 * ExecResult r = hosts.exec(Host.of("node-1", "10.0.0.1"), List.of("mdadm", "--detail", "--scan"), Duration.ofSeconds(5));
 * }</pre>
 */
public final class ScriptedHostExecutor implements HostExecutor {

    /**
     * One command the executor was asked to run.
     *
     * @param host where
     * @param argv the program and its arguments
     * @param timeout the timeout the caller gave
     */
    public record Call(Host host, List<String> argv, Duration timeout) {

        /** Checks that no field is null and copies the arguments. */
        public Call {
            Objects.requireNonNull(host, "host");
            argv = List.copyOf(argv);
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * One file the executor was asked to write.
     *
     * @param host where
     * @param path the absolute path of the file
     * @param content the bytes (a copy)
     * @param mode the permission bits
     */
    public record Upload(Host host, String path, byte[] content, int mode) {

        /** Checks that no field is null and copies the content. */
        public Upload {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            content = content.clone();
        }

        /**
         * Returns a copy of the bytes written.
         *
         * @return a copy of the bytes written
         */
        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Upload that && host.equals(that.host) && path.equals(that.path)
                    && Arrays.equals(content, that.content) && mode == that.mode;
        }

        @Override
        public int hashCode() {
            return Objects.hash(host, path, Arrays.hashCode(content), mode);
        }

        @Override
        public String toString() {
            return "Upload[" + host.name() + ":" + path + ", " + content.length + " bytes, mode "
                    + Integer.toOctalString(mode) + "]";
        }
    }

    private record Rule(Predicate<List<String>> matcher, Supplier<ExecResult> answer) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private volatile Supplier<ExecResult> fallback;

    /** Creates an executor with nothing scripted: every command exits 127. */
    public ScriptedHostExecutor() {
    }

    /**
     * Answers every command whose argument vector starts with {@code argvPrefix} with {@code result}.
     *
     * @param argvPrefix the program and as many leading arguments as must match
     * @param result the answer
     * @return this executor
     */
    public ScriptedHostExecutor on(List<String> argvPrefix, ExecResult result) {
        return on(startsWith(argvPrefix), result);
    }

    /**
     * Answers every command that {@code matcher} accepts with {@code result}.
     *
     * @param matcher tests the argument vector
     * @param result the answer
     * @return this executor
     */
    public ScriptedHostExecutor on(Predicate<List<String>> matcher, ExecResult result) {
        Objects.requireNonNull(result, "result");
        rules.add(new Rule(Objects.requireNonNull(matcher, "matcher"), () -> result));
        return this;
    }

    /**
     * Answers every run of {@code program}, whatever its arguments, with this exit code and output
     * and an empty standard error.
     *
     * @param program the program, as the first element of the argument vector
     * @param exit the exit code
     * @param stdout the standard output
     * @return this executor
     */
    public ScriptedHostExecutor onCommand(String program, int exit, String stdout) {
        return on(List.of(program), new ExecResult(exit, stdout, "", Duration.ofMillis(1)));
    }

    /**
     * Throws {@code failure} for every command whose argument vector starts with {@code argvPrefix},
     * as an executor does when the command cannot be run or times out.
     *
     * @param argvPrefix the program and as many leading arguments as must match
     * @param failure what to throw
     * @return this executor
     */
    public ScriptedHostExecutor throwing(List<String> argvPrefix, ExecException failure) {
        Objects.requireNonNull(failure, "failure");
        rules.add(new Rule(startsWith(argvPrefix), () -> {
            throw failure;
        }));
        return this;
    }

    /**
     * Throws {@link ExecException} with {@code message} for every command from now on, as an
     * executor does for a host it cannot reach.
     *
     * @param message the exception's message
     * @return this executor
     */
    public ScriptedHostExecutor unreachable(String message) {
        return throwing(List.of(), new ExecException(Objects.requireNonNull(message, "message")));
    }

    /**
     * Answers every command that no rule matches with {@code result} instead of exit 127.
     *
     * @param result the default answer
     * @return this executor
     */
    public ScriptedHostExecutor otherwise(ExecResult result) {
        Objects.requireNonNull(result, "result");
        fallback = () -> result;
        return this;
    }

    /**
     * Returns every command run so far, oldest first.
     *
     * @return every command run so far, oldest first
     */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Returns every file written so far, oldest first.
     *
     * @return every file written so far, oldest first
     */
    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    @Override
    public ExecResult exec(Host host, List<String> argv, Duration timeout) {
        Call call = new Call(host, argv, timeout);
        calls.add(call);
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if (rule.matcher().test(call.argv())) {
                return rule.answer().get();
            }
        }
        Supplier<ExecResult> otherwise = fallback;
        return otherwise != null ? otherwise.get() : notFound(call.argv());
    }

    @Override
    public void upload(Host host, String path, byte[] content, int mode) {
        uploads.add(new Upload(host, path, content, mode));
    }

    private static ExecResult notFound(List<String> argv) {
        String program = argv.isEmpty() ? "" : argv.get(0);
        return new ExecResult(127, "", "sh: 1: " + program + ": command not found\n", Duration.ofMillis(1));
    }

    private static Predicate<List<String>> startsWith(List<String> argvPrefix) {
        List<String> prefix = List.copyOf(argvPrefix);
        return argv -> argv.size() >= prefix.size() && argv.subList(0, prefix.size()).equals(prefix);
    }
}
