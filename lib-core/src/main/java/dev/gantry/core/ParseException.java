package dev.gantry.core;

import dev.gantry.core.internal.Lines;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Input that could not be understood: a tool's output, an inventory, a configuration value.
 *
 * <p>The message names the source (a file name, a command, a host), the line when it is known,
 * the offending text (shortened and with control characters escaped, so hostile input cannot
 * flood or forge a log) and what was expected:
 *
 * <pre>{@code
 * inventory.yaml:7: machine 'cp-2': unknown role 'master' (expected control-plane, worker or etcd)
 *     >     role: master
 * }</pre>
 */
public class ParseException extends GantryException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String offendingText;
    private final String problem;

    /**
     * Creates an exception for a problem at a known line.
     *
     * @param source where the input came from, e.g. {@code /proc/mdstat} or {@code inventory.yaml}
     * @param line the 1-based line number
     * @param offendingText the text of that line (shortened in the message)
     * @param problem what was wrong and what was expected
     */
    public ParseException(String source, int line, String offendingText, String problem) {
        this(source, line, offendingText, problem, null);
    }

    /**
     * Creates an exception for a problem at a known line, keeping the underlying cause.
     *
     * @param source where the input came from
     * @param line the 1-based line number, or 0 when unknown
     * @param offendingText the text of that line, or an empty string when unknown
     * @param problem what was wrong and what was expected
     * @param cause the parser's own exception, kept for stack traces; may be {@code null}
     */
    public ParseException(String source, int line, String offendingText, String problem, Throwable cause) {
        super(render(source, line, offendingText, problem), cause);
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0 but was " + line);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.offendingText = Objects.requireNonNull(offendingText, "offendingText");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * Creates an exception for a problem on one line of a text, quoting that line: the factory for
     * parsers that hold the whole input.
     *
     * @param source where the input came from
     * @param text the whole input
     * @param line the 1-based line number, or 0 when unknown
     * @param problem what was wrong and what was expected
     * @param cause the parser's own exception, kept for stack traces; may be {@code null}
     * @return the exception
     */
    public static ParseException atLine(String source, String text, int line, String problem, Throwable cause) {
        return new ParseException(source, line, Lines.at(text, line), problem, cause);
    }

    /**
     * Creates an exception for a problem that has no single line, such as a missing field.
     *
     * @param source where the input came from
     * @param problem what was wrong and what was expected
     * @return the exception
     */
    public static ParseException of(String source, String problem) {
        return new ParseException(source, 0, "", problem, null);
    }

    /**
     * Returns where the input came from, e.g. {@code /proc/mdstat} or a file name.
     *
     * @return where the input came from, e.g. {@code /proc/mdstat} or a file name
     */
    public String source() {
        return source;
    }

    /**
     * Returns the 1-based line number of the problem, when known.
     *
     * @return the 1-based line number of the problem, when known
     */
    public OptionalInt line() {
        return line == 0 ? OptionalInt.empty() : OptionalInt.of(line);
    }

    /**
     * Returns the offending input text, unshortened, when known.
     *
     * @return the offending input text, unshortened, when known
     */
    public Optional<String> offendingText() {
        return offendingText.isEmpty() ? Optional.empty() : Optional.of(offendingText);
    }

    /**
     * Returns what was wrong and what was expected, without the location.
     *
     * @return what was wrong and what was expected, without the location
     */
    public String problem() {
        return problem;
    }

    private static String render(String source, int line, String offendingText, String problem) {
        StringBuilder sb = new StringBuilder(String.valueOf(source));
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ").append(problem);
        if (offendingText != null && !offendingText.isEmpty()) {
            sb.append("\n    > ").append(Lines.shown(offendingText));
        }
        return sb.toString();
    }
}
