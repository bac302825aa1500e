package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * CometBFT and Tendermint (Cosmos SDK chains) over the URI RPC: {@code GET /status} and
 * {@code GET /net_info}.
 *
 * <p>Height, {@code catching_up} and the tip time come from {@code result.sync_info}
 * ({@code latest_block_height} is a decimal string; a JSON number is accepted too), peers are
 * {@code n_peers} (a string). Both the JSON-RPC envelope {@code {"jsonrpc":"2.0","id":-1,
 * "result":{…}}} and a bare result are read. There is no network height. {@code catching_up} is
 * true only while block sync or state sync runs: a node stuck at a height says {@code false}
 * (tendermint#7141), so the tip time is what shows it, and {@code SyncCheck} judges its age. A
 * node without blocks reports Go's zero time, which is left out.
 */
final class CometBftSource extends NodeSource {

    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final String STATUS = "GET /status";
    private static final String NET_INFO = "GET /net_info";

    private final RestJson rest;

    CometBftSource(HttpEndpoint endpoint, Clock clock) {
        super("cometbft " + endpoint.url(), endpoint, clock);
        this.rest = new RestJson(http);
    }

    @Override
    public SyncStatus read() {
        JsonNode status = result(rest.get("/status"), STATUS);
        JsonNode network = result(rest.get("/net_info"), NET_INFO);
        Instant observedAt = clock.instant();
        JsonNode sync = fields.object(status, "sync_info", STATUS);
        long height = fields.decimalString(sync, "latest_block_height", STATUS + " sync_info");
        boolean catchingUp = fields.flag(sync, "catching_up", STATUS + " sync_info");
        Optional<Instant> tipTime = fields.optionalTime(sync, "latest_block_time", STATUS + " sync_info")
                .filter(time -> !time.equals(GO_ZERO_TIME));
        long peers = fields.decimalString(network, "n_peers", NET_INFO);
        SyncStatus read = SyncStatus.of(name, height, observedAt)
                .withSyncing(catchingUp)
                .withPeers((int) Math.min(Integer.MAX_VALUE, peers))
                .withDetail("catching_up", catchingUp);
        JsonNode chain = status.path("node_info").path("network");
        if (chain.isString()) {
            read = read.withDetail("network", chain.asString());
        }
        return tipTime.isPresent() ? read.withTipTime(tipTime.get()) : read;
    }

    /** The result inside the JSON-RPC envelope, or the answer itself when it is bare. */
    private JsonNode result(JsonNode reply, String call) {
        return reply.has("result") ? fields.object(reply, "result", call) : reply;
    }
}
