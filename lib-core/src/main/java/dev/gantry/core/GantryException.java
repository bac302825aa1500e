package dev.gantry.core;

/**
 * The root of every exception Gantry throws. Unchecked, so runbooks and lambdas stay readable.
 *
 * <p>Messages say what was expected, what was found and where (file, line, host, field). Causes
 * from the outside world ({@code IOException}, client and Failsafe exceptions) are kept.
 */
public class GantryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with an actionable message.
     *
     * @param message what went wrong and what to do about it
     */
    public GantryException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps the cause it came from.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, kept for stack traces
     */
    public GantryException(String message, Throwable cause) {
        super(message, cause);
    }
}
