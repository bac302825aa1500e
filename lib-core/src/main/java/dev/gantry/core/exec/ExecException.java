package dev.gantry.core.exec;

import dev.gantry.core.GantryException;

/** A command could not be run on a host, or did not end within its timeout. */
public class ExecException extends GantryException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its message.
     *
     * @param message what failed, on which host, and what to do about it
     * @param cause the underlying error, or {@code null}
     */
    public ExecException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception with its message.
     *
     * @param message what failed, on which host, and what to do about it
     */
    public ExecException(String message) {
        super(message);
    }
}
