package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Bitcoin Core and its forks (Litecoin, Dogecoin, ...) over JSON-RPC 1.0.
 *
 * <p>Height is {@code blocks}; the network height is {@code headers}, the best header chain the
 * node has heard of; peers are {@code getnetworkinfo.connections}. {@code syncing} is the node's
 * {@code initialblockdownload}, reported as it is: it latches to false after the first sync and
 * can turn false while still behind, and {@code verificationprogress} never reaches 1, so
 * readiness must come from the lag ({@code headers - blocks}) and peers, which
 * {@code SyncCheck} does.
 */
final class BitcoinSource extends NodeSource {

    /** Bitcoin Core's {@code RPC_IN_WARMUP} ({@code src/rpc/protocol.h}): "Client still warming up". */
    static final int RPC_IN_WARMUP = -28;

    private final JsonRpc rpc;

    BitcoinSource(HttpEndpoint endpoint, Clock clock) {
        super("bitcoin " + endpoint.url(), endpoint, clock);
        this.rpc = new JsonRpc(http, "/", "1.0").warmingUpOn(RPC_IN_WARMUP);
    }

    @Override
    public SyncStatus read() {
        JsonNode chain = rpc.call("getblockchaininfo");
        JsonNode network = rpc.call("getnetworkinfo");
        Instant observedAt = clock.instant();
        long blocks = fields.count(chain, "blocks", "getblockchaininfo");
        long headers = fields.count(chain, "headers", "getblockchaininfo");
        boolean ibd = fields.flag(chain, "initialblockdownload", "getblockchaininfo");
        long peers = fields.count(network, "connections", "getnetworkinfo");
        SyncStatus status = SyncStatus.of(name, blocks, observedAt)
                .withNetworkHeight(Math.max(blocks, headers))
                .withSyncing(ibd)
                .withPeers((int) Math.min(Integer.MAX_VALUE, peers))
                .withDetail("headers", headers)
                .withDetail("initialblockdownload", ibd);
        OptionalLong tipTime = fields.optionalCount(chain, "time", "getblockchaininfo");
        return tipTime.isPresent() ? status.withTipTime(Instant.ofEpochSecond(tipTime.getAsLong())) : status;
    }
}
