package dev.gantry.core.exec;

import dev.gantry.core.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A command line that may hold {@link Secret}s: executors run it with the real values and show it
 * (in logs, {@link ExecResult}s and exception messages) with every secret value replaced by
 * {@code ****}.
 *
 * <pre>{@code
 * Command put = Command.of("etcdctl", "--user")
 *         .secretArg("root:", password)           // one argument: root:<value>
 *         .args("put", "/config", "v1");
 * executor.exec(host, put, Duration.ofSeconds(10));
 * put.toString();                                  // etcdctl --user 'root:****' put /config v1
 * }</pre>
 *
 * <p>Secrets still travel in the process's argument vector, which other users of the machine may
 * see in {@code ps}; prefer files written with mode {@code 0600} (see
 * {@link HostExecutor#upload}) for long-lived credentials. Immutable and thread-safe.
 */
public final class Command {

    private static final String MASK = "****";

    /** One argument: literal text, optionally followed by a secret's value. */
    private record Part(String text, Secret secret) {}

    private final List<Part> parts;

    private Command(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Returns the command.
     *
     * @param argv the program and its arguments, none of them secret
     * @return the command
     */
    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    /**
     * Returns the command.
     *
     * @param argv the program and its arguments, none of them secret
     * @return the command
     */
    public static Command of(List<String> argv) {
        return new Command(List.of()).args(argv);
    }

    /**
     * Returns a copy with the arguments appended.
     *
     * @param more arguments to append, none of them secret
     * @return a copy with the arguments appended
     */
    public Command args(String... more) {
        return args(List.of(more));
    }

    /**
     * Returns a copy with the arguments appended.
     *
     * @param more arguments to append, none of them secret
     * @return a copy with the arguments appended
     */
    public Command args(List<String> more) {
        List<Part> next = new ArrayList<>(parts);
        for (String argument : more) {
            next.add(new Part(Objects.requireNonNull(argument, "argument"), null));
        }
        return new Command(next);
    }

    /**
     * Returns a copy with the secret appended as one argument.
     *
     * @param secret an argument whose value is secret
     * @return a copy with the secret appended as one argument
     */
    public Command secret(Secret secret) {
        return secretArg("", secret);
    }

    /**
     * Returns a copy with {@code prefix + value} appended as one argument.
     *
     * @param prefix the public start of the argument, such as {@code --password=}
     * @param secret the secret rest of it
     * @return a copy with {@code prefix + value} appended as one argument
     */
    public Command secretArg(String prefix, Secret secret) {
        List<Part> next = new ArrayList<>(parts);
        next.add(new Part(Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(secret, "secret")));
        return new Command(next);
    }

    /**
     * The argument vector with the real secret values; only executors should call this, right
     * before they start the process.
     *
     * @return the program and its arguments
     */
    public List<String> reveal() {
        return parts.stream().map(p -> p.secret() == null ? p.text() : p.text() + p.secret().reveal()).toList();
    }

    /**
     * Returns the argument vector with every secret value shown as {@code ****}.
     *
     * @return the argument vector with every secret value shown as {@code ****}
     */
    public List<String> masked() {
        return parts.stream().map(p -> p.secret() == null ? p.text() : p.text() + MASK).toList();
    }

    /**
     * Returns whether the command holds at least one secret.
     *
     * @return whether the command holds at least one secret
     */
    public boolean hasSecrets() {
        return parts.stream().anyMatch(p -> p.secret() != null);
    }

    /**
     * Replaces every secret value of this command in {@code text} with {@code ****}, both as it
     * is and as {@link ShellQuote#quote} writes it.
     *
     * @param text output or a message that may echo a secret
     * @return the text without secret values
     */
    public String redact(String text) {
        String result = Objects.requireNonNull(text, "text");
        for (Part part : parts) {
            if (part.secret() != null) {
                String value = part.secret().reveal();
                result = result.replace(ShellQuote.quote(value), MASK).replace(value, MASK);
            }
        }
        return result;
    }

    /** A copy of {@code result} whose output holds no secret value of this command. */
    ExecResult redact(ExecResult result) {
        if (!hasSecrets()) {
            return result;
        }
        return new ExecResult(result.exit(), redact(result.stdout()), redact(result.stderr()), result.duration());
    }

    /**
     * Returns the masked command line as a POSIX shell would read it.
     *
     * @return the masked command line as a POSIX shell would read it
     */
    @Override
    public String toString() {
        return ShellQuote.join(masked());
    }
}
