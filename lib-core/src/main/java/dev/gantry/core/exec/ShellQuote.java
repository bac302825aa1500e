package dev.gantry.core.exec;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quotes arguments for a POSIX shell ({@code sh}, {@code dash}, {@code bash}), so that the shell
 * hands each one to the program unchanged: the one function every command line sent to a remote
 * shell goes through.
 *
 * <p>An argument made only of letters, digits and {@code _ - . / : , @ % +} stays as it is, so
 * command lines stay readable in logs. Anything else is put in single quotes, inside which the
 * shell expands nothing; an embedded single quote becomes {@code '\''} (close the quotes, an
 * escaped quote, open them again). The empty string becomes {@code ''}.
 *
 * <pre>{@code
 * ShellQuote.quote("it's $HOME");                        // 'it'\''s $HOME'
 * ShellQuote.join(List.of("echo", "a b", ""));           // echo 'a b' ''
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ShellQuote {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-./:,@%+]+");

    private ShellQuote() {}

    /**
     * Quotes one argument.
     *
     * @param argument any text, including empty, quotes, newlines and non-ASCII characters
     * @return the argument as a POSIX shell word that expands to exactly {@code argument}
     * @throws IllegalArgumentException when the argument contains a NUL character, which no
     *     program argument can hold
     */
    public static String quote(String argument) {
        Objects.requireNonNull(argument, "argument");
        if (argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command argument cannot contain a NUL character");
        }
        if (SAFE.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /**
     * Quotes every argument and joins them with single spaces.
     *
     * @param argv the program and its arguments
     * @return a command line that a POSIX shell splits back into exactly {@code argv}
     */
    public static String join(List<String> argv) {
        Objects.requireNonNull(argv, "argv");
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
