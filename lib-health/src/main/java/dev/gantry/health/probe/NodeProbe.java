package dev.gantry.health.probe;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one request to one node: whether it counts as healthy, the HTTP status, how long
 * it took, and why.
 *
 * <p>A node that gave no HTTP answer (connection refused, timed out, not HTTP at all) has status
 * code {@code 0} and is never healthy. The {@code reason} is short and meant for people:
 *
 * <ul>
 *   <li>{@code ok} for a healthy node;
 *   <li>{@code HTTP 503} for an answer with a status the probe does not accept;
 *   <li>{@code timed out after 2000 ms}, {@code connection refused}, {@code connection closed
 *       without an answer}, {@code unknown host db-7}, {@code not an HTTP answer: Unexpected status
 *       line: SSH-2.0-OpenSSH_9.6}, or {@code no HTTP answer: <exception>} when there was no HTTP
 *       answer;
 *   <li>{@code not probed before the deadline} in {@link FleetProbe#awaitHealthy} for a node whose
 *       request was still queued when the deadline passed.
 * </ul>
 *
 * <p>{@code bodyStart} holds the start of the answer's body (at most {@value #MAX_BODY_START}
 * characters, control characters replaced by spaces, "…" when cut), so that a Gantry {@code
 * /healthcheck} body such as {@code {"status":"DOWN","reason":"SYNC-LAGGING",…}} shows why a node is
 * not ready without parsing it. It is empty for {@code HEAD} requests, empty bodies, and nodes
 * without an HTTP answer.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url the URL that was probed
 * @param healthy whether the answer's status is one the probe accepts
 * @param statusCode the HTTP status, or {@code 0} when there was no HTTP answer
 * @param latency from sending the request to reading the start of the body, or to the failure
 * @param reason why the node is or is not healthy; not blank
 * @param bodyStart the start of the answer's body, if there was one
 */
public record NodeProbe(URI url, boolean healthy, int statusCode, Duration latency, String reason,
        Optional<String> bodyStart) {

    /** The most characters of a body kept in {@link #bodyStart()}, not counting the "…". */
    public static final int MAX_BODY_START = 200;

    /**
     * Validates the components.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when the status is neither 0 nor 100–599, a node without an
     *     HTTP answer is marked healthy, the latency is negative or the reason is blank
     */
    public NodeProbe {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(bodyStart, "bodyStart");
        if (statusCode != 0 && (statusCode < 100 || statusCode > 599)) {
            throw new IllegalArgumentException("statusCode must be 0 (no answer) or 100-599 but was " + statusCode);
        }
        if (healthy && statusCode == 0) {
            throw new IllegalArgumentException("healthy needs an HTTP answer but statusCode was 0");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative but was " + latency);
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }

    /** Returns {@code true} when the node gave an HTTP answer, whatever its status. */
    public boolean answered() {
        return statusCode != 0;
    }

    /** Returns a line such as {@code http://10.0.0.2:8080/healthcheck: HTTP 503 (8 ms)}. */
    @Override
    public String toString() {
        return url + ": " + (healthy ? "ok, HTTP " + statusCode : reason) + " (" + latency.toMillis() + " ms)"
                + bodyStart.map(body -> " " + body).orElse("");
    }
}
