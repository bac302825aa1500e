package dev.gantry.health.etcd;

import java.util.Objects;

/**
 * The answer of one member's {@code GET /health}: {@code {"health":"true"}} with HTTP 200, or
 * {@code {"health":"false"}} with HTTP 503 when the member has no leader, cannot commit, or has an
 * active alarm. etcd 3.5 and later add a {@code reason}; 3.4 sends none.
 *
 * @param healthy whether the member says it is healthy
 * @param httpStatus the HTTP status of the answer
 * @param reason the member's reason, empty when it gave none
 */
public record EtcdHealth(boolean healthy, int httpStatus, String reason) {

    /** Validates the fields. */
    public EtcdHealth {
        Objects.requireNonNull(reason, "reason");
    }
}
