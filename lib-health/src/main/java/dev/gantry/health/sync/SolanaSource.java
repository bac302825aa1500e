package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Solana (Agave) validators and RPC nodes over JSON-RPC 2.0: {@code getHealth} and
 * {@code getSlot} with {@code confirmed} commitment.
 *
 * <p>Heights are slots, not block heights, because the node counts how far behind it is in
 * slots. {@code getHealth} answers {@code "ok"} when the node is within its health-check slot
 * distance (default 128) of the cluster; the network height is then unknown. Otherwise it
 * answers error {@code -32005} (node unhealthy) with {@code data.numSlotsBehind}: a number when
 * the node knows how far behind it is, null when it cannot tell yet (fresh start). That error
 * is a status, not a failure: the node is syncing, with network height
 * {@code slot + numSlotsBehind} when known and detail {@code health} {@code behind} or
 * {@code unknown}. Any other RPC error fails the read. The HTTP {@code GET /health} route is
 * not used: it answers 200 even when the node is behind. Peers are not reported: only
 * {@code getClusterNodes} lists gossip nodes, and it is too large for a probe.
 */
final class SolanaSource extends NodeSource {

    /** {@code JSON_RPC_SERVER_ERROR_NODE_UNHEALTHY} in agave's {@code rpc-client-api}. */
    static final int NODE_UNHEALTHY = -32005;

    private final JsonRpc rpc;

    SolanaSource(HttpEndpoint endpoint, Clock clock) {
        super("solana " + endpoint.url(), endpoint, clock);
        this.rpc = new JsonRpc(http, "/", "2.0");
    }

    @Override
    public SyncStatus read() {
        JsonNode health = rpc.reply("getHealth");
        long slot = fields.countValue(rpc.call("getSlot", Map.of("commitment", "confirmed")), "getSlot");
        Instant observedAt = clock.instant();
        SyncStatus status = SyncStatus.of(name, slot, observedAt);
        if (!JsonRpc.hasError(health)) {
            JsonNode result = health.get("result");
            if (!result.isString() || !"ok".equals(result.asString())) {
                throw http.failure("getHealth should answer \"ok\" or error " + NODE_UNHEALTHY + " but answered "
                        + result, null);
            }
            return status.withDetail("health", "ok");
        }
        JsonNode error = health.get("error");
        JsonNode code = error.path("code");
        if (!code.isIntegralNumber() || code.longValue() != NODE_UNHEALTHY) {
            throw rpc.error("getHealth", error);
        }
        JsonNode behind = error.path("data").path("numSlotsBehind");
        status = status.withSyncing(true);
        if (behind.isMissingNode() || behind.isNull()) {
            return status.withDetail("health", "unknown");
        }
        long slotsBehind = fields.countValue(behind, "getHealth error data 'numSlotsBehind'");
        if (slotsBehind > Long.MAX_VALUE - slot) {
            throw http.failure("getSlot " + slot + " plus getHealth numSlotsBehind " + slotsBehind
                    + " is beyond 2^63; expected slot numbers of a real cluster", null);
        }
        return status.withNetworkHeight(slot + slotsBehind).withDetail("health", "behind")
                .withDetail("numSlotsBehind", slotsBehind);
    }
}
