package dev.gantry.health.probe;

import dev.gantry.core.GantryException;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by {@link FleetProbe#awaitHealthy} when some nodes were still not healthy at the deadline.
 *
 * <p>The message says what was awaited, the deadline, and each node still unhealthy with its last
 * reason, so that a failed harness run says where to look:
 *
 * <pre>{@code
 * timed out after 30000 ms waiting for 3 nodes to answer GET with HTTP 200 (every 250 ms, 2000 ms timeout
 * per request, 97 rounds); 2 still unhealthy:
 *   http://127.0.0.1:8082/healthcheck: HTTP 503 {"status":"DOWN","reason":"SYNC-LAGGING"}
 *   http://127.0.0.1:8083/healthcheck: connection refused
 * }</pre>
 *
 * <p>The last outcome of every node stays available through {@link #report()}. The report is not
 * serialised with the exception; after Java deserialisation {@link #report()} has no nodes while
 * the message keeps them.
 */
public class FleetNotHealthyException extends GantryException {

    private static final long serialVersionUID = 1L;

    private final transient FleetReport report;

    /**
     * Creates the exception.
     *
     * @param message what was awaited, the deadline, and the nodes still unhealthy
     * @param report the last outcome of every node, in URL order
     */
    public FleetNotHealthyException(String message, FleetReport report) {
        super(message);
        this.report = Objects.requireNonNull(report, "report");
    }

    /** Returns the last outcome of every node, in URL order; healthy ones included. */
    public FleetReport report() {
        return report == null ? new FleetReport(List.of(), "unknown (deserialised)") : report;
    }
}
