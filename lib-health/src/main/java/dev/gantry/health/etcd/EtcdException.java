package dev.gantry.health.etcd;

import dev.gantry.core.GantryException;
import java.util.Objects;

/**
 * An etcd member could not be read: unreachable, too slow, refused, or it answered with something
 * that is not what etcd's HTTP gateway sends.
 *
 * <p>The message starts with the endpoint's URL (never credentials), then the call, then what was
 * expected, e.g. {@code etcd http://127.0.0.1:2379: POST /v3/cluster/member/list: HTTP 500: the
 * member failed to answer; expected 200 with a JSON member list}.
 */
public class EtcdException extends GantryException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;

    /**
     * Creates the exception; the message starts with the endpoint.
     *
     * @param endpoint the URL of the member that was called
     * @param problem the call, what went wrong and what was expected
     * @param cause the underlying failure, or {@code null}
     */
    public EtcdException(String endpoint, String problem, Throwable cause) {
        super("etcd " + Objects.requireNonNull(endpoint, "endpoint") + ": " + Objects.requireNonNull(problem, "problem"),
                cause);
        this.endpoint = endpoint;
    }

    /**
     * Returns the URL of the member that was called.
     *
     * @return the URL of the member that was called
     */
    public String endpoint() {
        return endpoint;
    }
}
