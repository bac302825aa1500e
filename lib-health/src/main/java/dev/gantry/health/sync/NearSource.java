package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * NEAR (nearcore) over JSON-RPC 2.0 on {@code POST /}: {@code status} and {@code network_info}.
 *
 * <p>Height, {@code syncing} and the tip time come from {@code status.sync_info}
 * ({@code latest_block_height}, {@code syncing}, {@code latest_block_time} with nanoseconds);
 * peers are {@code network_info.num_active_peers}. {@code status} has no network height, so it
 * stays empty: lag needs a reference node, and a stuck node shows in the tip's age. nearcore
 * reports {@code syncing} even when a few blocks behind (nearcore#3492), which is why
 * {@code SyncCheck} applies hysteresis.
 */
final class NearSource extends NodeSource {

    private static final String SYNC_INFO = "status sync_info";

    private final JsonRpc rpc;

    NearSource(HttpEndpoint endpoint, Clock clock) {
        super("near " + endpoint.url(), endpoint, clock);
        this.rpc = new JsonRpc(http, "/", "2.0");
    }

    @Override
    public SyncStatus read() {
        JsonNode status = rpc.call("status");
        JsonNode network = rpc.call("network_info");
        Instant observedAt = clock.instant();
        JsonNode sync = fields.object(status, "sync_info", "status");
        long height = fields.count(sync, "latest_block_height", SYNC_INFO);
        boolean syncing = fields.flag(sync, "syncing", SYNC_INFO);
        Optional<Instant> tipTime = fields.optionalTime(sync, "latest_block_time", SYNC_INFO);
        long peers = fields.count(network, "num_active_peers", "network_info");
        SyncStatus read = SyncStatus.of(name, height, observedAt)
                .withSyncing(syncing)
                .withPeers((int) Math.min(Integer.MAX_VALUE, peers));
        if (status.path("chain_id").isString()) {
            read = read.withDetail("chain_id", status.path("chain_id").asString());
        }
        return tipTime.isPresent() ? read.withTipTime(tipTime.get()) : read;
    }
}
