package dev.gantry.health.sync;

import dev.gantry.core.GantryException;
import java.util.Objects;

/**
 * A sync source could not read a node's state: unreachable, too slow, refused, or it answered
 * with something that is not what the node family documents.
 *
 * <p>The message starts with the source's name (family and URL, never credentials) and says what
 * was expected, e.g. {@code bitcoin http://127.0.0.1:9332: HTTP 401: the node rejected the RPC
 * credentials; check the rpc user and password}.
 */
public class SyncSourceException extends GantryException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * Sets problem.
     *
     * @param source the source's name
     * @param problem what went wrong and what was expected
     */
    public SyncSourceException(String source, String problem) {
        this(source, problem, null);
    }

    /**
     * Sets problem.
     *
     * @param source the source's name
     * @param problem what went wrong and what was expected
     * @param cause the underlying failure, or {@code null}
     */
    public SyncSourceException(String source, String problem, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.source = source;
    }

    /** Returns the name of the source that failed. */
    public String source() {
        return source;
    }
}
