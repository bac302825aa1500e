package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import tools.jackson.databind.JsonNode;

/**
 * Monero's daemon (monerod) over JSON-RPC 2.0 at {@code /json_rpc}: one {@code get_info} call.
 *
 * <p>monerod's quirks, each handled here:
 * <ul>
 *   <li>{@code height} is the number of blocks, one above the top block's height, so the
 *       reported height is {@code height - 1} (0 for an empty chain);</li>
 *   <li>{@code target_height} is 0 once the node is synchronized, so the network height is
 *       {@code max(height, target_height) - 1} only while it is above 0, else the height;</li>
 *   <li>syncing is {@code !synchronized || busy_syncing};</li>
 *   <li>a {@code status} other than {@code OK} (e.g. {@code BUSY}) fails the read;</li>
 *   <li>the restricted RPC port ({@code --restricted-rpc}, {@code restricted: true}) reports 0
 *       connections whatever the truth, so peers are then left unknown, with detail
 *       {@code restricted};</li>
 *   <li>a node that forwards to a bootstrap daemon while it syncs ({@code untrusted: true})
 *       answers with the bootstrap daemon's state; its own height is then
 *       {@code height_without_bootstrap - 1}, it is syncing, the bootstrap daemon's height is
 *       the network height, and peers are unknown.</li>
 * </ul>
 * Peers are {@code outgoing_connections_count + incoming_connections_count}.
 */
final class MoneroSource extends NodeSource {

    private static final String CALL = "get_info";

    private final JsonRpc rpc;

    MoneroSource(HttpEndpoint endpoint, Clock clock) {
        super("monero " + endpoint.url(), endpoint, clock);
        this.rpc = new JsonRpc(http, "/json_rpc", "2.0", () -> "0");
    }

    @Override
    public SyncStatus read() {
        JsonNode info = rpc.call(CALL);
        requireStatusOk(info);
        long top = topOf(fields.count(info, "height", CALL));
        long target = fields.count(info, "target_height", CALL);
        boolean synced = fields.flag(info, "synchronized", CALL);
        boolean busy = fields.flag(info, "busy_syncing", CALL);
        long connections = Math.min(Integer.MAX_VALUE, fields.count(info, "outgoing_connections_count", CALL))
                + Math.min(Integer.MAX_VALUE, fields.count(info, "incoming_connections_count", CALL));
        boolean restricted = optionalFlag(info, "restricted");
        boolean untrusted = optionalFlag(info, "untrusted");
        long network = target > 0 ? Math.max(top, target - 1) : top;

        SyncStatus status;
        if (untrusted) {
            long own = topOf(fields.count(info, "height_without_bootstrap", CALL));
            status = SyncStatus.of(name, own, clock.instant()).withNetworkHeight(Math.max(own, network))
                    .withSyncing(true).withDetail("untrusted", true);
        } else {
            status = SyncStatus.of(name, top, clock.instant()).withNetworkHeight(network)
                    .withSyncing(!synced || busy);
            status = restricted ? status : status.withPeers((int) Math.min(Integer.MAX_VALUE, connections));
        }
        status = status.withDetail("synchronized", synced).withDetail("busy_syncing", busy)
                .withDetail("target_height", target);
        return restricted ? status.withDetail("restricted", true) : status;
    }

    private void requireStatusOk(JsonNode info) {
        JsonNode status = info.path("status");
        if (status.isMissingNode() || status.isNull()) {
            throw http.failure(CALL + ": the answer has no 'status' field; is this the right node family?", null);
        }
        if (!status.isString() || !"OK".equals(status.asString())) {
            throw http.failure(CALL + ": 'status' should be \"OK\" but was " + status
                    + "; the node cannot serve its state now", null);
        }
    }

    private boolean optionalFlag(JsonNode info, String field) {
        JsonNode node = info.path(field);
        return !node.isMissingNode() && !node.isNull() && fields.flag(info, field, CALL);
    }

    private static long topOf(long chainHeight) {
        return chainHeight == 0 ? 0 : chainHeight - 1;
    }
}
