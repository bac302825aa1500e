package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Substrate nodes (Polkadot, Kusama, parachains) over JSON-RPC 2.0: {@code system_health} and
 * {@code system_syncState}.
 *
 * <p>Height is {@code currentBlock}; the network height is {@code highestBlock}, which older
 * nodes omit until they have heard of a block; peers and {@code isSyncing} come from
 * {@code system_health}. Block numbers must be JSON numbers, as the node documents them.
 * {@code isSyncing} is reported as it is, and it is false on a fresh node without peers, so
 * readiness must also look at the peers, which {@code SyncCheck} does.
 * {@code shouldHavePeers} (false on a {@code --dev} chain, where no peers is normal) and
 * {@code startingBlock} are details.
 */
final class SubstrateSource extends NodeSource {

    private final JsonRpc rpc;

    SubstrateSource(HttpEndpoint endpoint, Clock clock) {
        super("substrate " + endpoint.url(), endpoint, clock);
        this.rpc = new JsonRpc(http, "/", "2.0");
    }

    @Override
    public SyncStatus read() {
        JsonNode health = rpc.call("system_health");
        JsonNode sync = rpc.call("system_syncState");
        long peers = fields.count(health, "peers", "system_health");
        boolean syncing = fields.flag(health, "isSyncing", "system_health");
        boolean shouldHavePeers = fields.flag(health, "shouldHavePeers", "system_health");
        long current = fields.count(sync, "currentBlock", "system_syncState");
        long starting = fields.count(sync, "startingBlock", "system_syncState");
        OptionalLong highest = fields.optionalCount(sync, "highestBlock", "system_syncState");
        SyncStatus status = SyncStatus.of(name, current, clock.instant())
                .withSyncing(syncing)
                .withPeers((int) Math.min(Integer.MAX_VALUE, peers))
                .withDetail("shouldHavePeers", shouldHavePeers)
                .withDetail("startingBlock", starting);
        return highest.isPresent() ? status.withNetworkHeight(Math.max(current, highest.getAsLong())) : status;
    }
}
