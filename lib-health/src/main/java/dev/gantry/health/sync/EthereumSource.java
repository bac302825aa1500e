package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Ethereum execution clients (geth, Nethermind, Erigon, Besu, Reth) over JSON-RPC 2.0 on
 * {@code POST /}: {@code eth_syncing}, {@code eth_blockNumber} and {@code net_peerCount}.
 *
 * <p>{@code eth_syncing} answers {@code false} or a progress object whose {@code currentBlock} and
 * {@code highestBlock} give the height and network height; geth's extra snap-sync fields are
 * ignored. The height is the larger of {@code eth_blockNumber} and {@code currentBlock}. An answer
 * of {@code false} is not proof of sync: clients answer it while behind after a restart, while
 * stuck without a consensus client, and when they have no peers. Then the network height stays
 * unknown, and with no peers the status carries {@code syncingFlagTrusted=false} and zero peers
 * for {@code SyncCheck}'s peer minimum to catch.
 */
final class EthereumSource extends NodeSource {

    private final JsonRpc rpc;

    EthereumSource(HttpEndpoint endpoint, Clock clock) {
        super("ethereum " + endpoint.url(), endpoint, clock);
        this.rpc = new JsonRpc(http, "/", "2.0");
    }

    @Override
    public SyncStatus read() {
        JsonNode progress = rpc.call("eth_syncing");
        long blockNumber = fields.hexQuantity(rpc.call("eth_blockNumber"), "eth_blockNumber");
        long peers = fields.hexQuantity(rpc.call("net_peerCount"), "net_peerCount");
        Instant observedAt = clock.instant();
        if (progress.isObject()) {
            long current = fields.hexQuantity(progress, "currentBlock", "eth_syncing");
            long highest = fields.hexQuantity(progress, "highestBlock", "eth_syncing");
            long height = Math.max(blockNumber, current);
            return SyncStatus.of(name, height, observedAt)
                    .withNetworkHeight(Math.max(height, highest))
                    .withSyncing(true)
                    .withPeers(clamp(peers))
                    .withDetail("currentBlock", current)
                    .withDetail("highestBlock", highest)
                    .withDetail("syncingFlagTrusted", true);
        }
        if (progress.isBoolean() && !progress.booleanValue()) {
            return SyncStatus.of(name, blockNumber, observedAt)
                    .withPeers(clamp(peers))
                    .withDetail("syncingFlagTrusted", peers > 0);
        }
        throw http.failure("eth_syncing should be false or a sync progress object but was "
                + JsonFields.shown(progress), null);
    }

    private static int clamp(long count) {
        return (int) Math.min(Integer.MAX_VALUE, count);
    }
}
