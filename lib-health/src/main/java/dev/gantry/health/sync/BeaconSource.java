package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Ethereum consensus clients (Lighthouse, Teku, Prysm, Nimbus, Lodestar) over the Beacon API:
 * {@code GET /eth/v1/node/syncing} and {@code GET /eth/v1/node/peer_count}.
 *
 * <p>Heights are slots, not blocks: the height is {@code head_slot}, the network height
 * {@code head_slot + sync_distance} (the current slot), so a head that stops moving shows as a
 * growing lag even when {@code is_syncing} is false. Peers are {@code peer_count.connected}. All
 * numbers are decimal strings. The node counts as syncing when {@code is_syncing}, and also when
 * {@code is_optimistic} (its head is not yet validated by the execution client) or
 * {@code el_offline} (it cannot reach the execution client), because such a node cannot serve
 * validated data or follow the chain; the Beacon API's own {@code /eth/v1/node/health} answers
 * 206, not 200, then. Both flags are newer than the first spec and are optional; each present one
 * is kept as a detail.
 */
final class BeaconSource extends NodeSource {

    private static final String SYNCING = "GET /eth/v1/node/syncing";
    private static final String PEERS = "GET /eth/v1/node/peer_count";

    private final RestJson rest;

    BeaconSource(HttpEndpoint endpoint, Clock clock) {
        super("beacon " + endpoint.url(), endpoint, clock);
        this.rest = new RestJson(http);
    }

    @Override
    public SyncStatus read() {
        JsonNode sync = fields.object(rest.get("/eth/v1/node/syncing"), "data", SYNCING);
        JsonNode peerCount = fields.object(rest.get("/eth/v1/node/peer_count"), "data", PEERS);
        Instant observedAt = clock.instant();
        long headSlot = fields.decimalString(sync, "head_slot", SYNCING);
        long distance = fields.decimalString(sync, "sync_distance", SYNCING);
        boolean isSyncing = fields.flag(sync, "is_syncing", SYNCING);
        Optional<Boolean> optimistic = fields.optionalFlag(sync, "is_optimistic", SYNCING);
        Optional<Boolean> elOffline = fields.optionalFlag(sync, "el_offline", SYNCING);
        long connected = fields.decimalString(peerCount, "connected", PEERS);
        if (distance > Long.MAX_VALUE - headSlot) {
            throw http.failure(SYNCING + ": head_slot " + headSlot + " + sync_distance " + distance
                    + " is beyond 2^63", null);
        }
        SyncStatus read = SyncStatus.of(name, headSlot, observedAt)
                .withNetworkHeight(headSlot + distance)
                .withSyncing(isSyncing || optimistic.orElse(false) || elOffline.orElse(false))
                .withPeers((int) Math.min(Integer.MAX_VALUE, connected))
                .withDetail("is_syncing", isSyncing)
                .withDetail("sync_distance", distance);
        if (optimistic.isPresent()) {
            read = read.withDetail("is_optimistic", optimistic.get());
        }
        return elOffline.isPresent() ? read.withDetail("el_offline", elOffline.get()) : read;
    }
}
