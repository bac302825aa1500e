package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.util.Objects;

/**
 * Reads one node's own view of its sync state: its height, the network height it knows of,
 * whether it is syncing, and its peers.
 *
 * <p>One adapter per node family knows where that family keeps these signals and which of them
 * lie (Bitcoin's latched {@code initialblockdownload}, Ethereum's {@code eth_syncing: false}
 * with no peers, CometBFT's string heights, Monero's {@code height} that is one above the tip).
 * Implementations are thread-safe, bound every call by the endpoint's timeout, and throw
 * {@link SyncSourceException} rather than return a guess.
 */
public interface SyncSource {

    /** Returns the source's name for messages and metrics: the family and the URL. */
    String name();

    /**
     * Reads the node's state once.
     *
     * @return what the node says now
     * @throws SyncSourceException when the node cannot be reached in time, refuses the call, or
     *     answers with something that is not its documented format
     */
    SyncStatus read();

    /**
     * Bitcoin Core and its forks (litecoind, dogecoind) over JSON-RPC: {@code getblockchaininfo}
     * and {@code getnetworkinfo}.
     *
     * <pre>{@code
     * SyncSource node = SyncSource.bitcoin(HttpEndpoint.of("http://127.0.0.1:9332")
     *         .withBasicAuth("rpc", Secret.fromEnv("RPC_PASSWORD")));
     * }</pre>
     *
     * @param endpoint the node's RPC endpoint, usually with basic auth
     * @return the source
     */
    static SyncSource bitcoin(HttpEndpoint endpoint) {
        return bitcoin(endpoint, Clock.systemUTC());
    }

    /**
     * Returns a Bitcoin-family source.
     *
     * @param endpoint the node's RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a Bitcoin-family source
     * @see #bitcoin(HttpEndpoint)
     */
    static SyncSource bitcoin(HttpEndpoint endpoint, Clock clock) {
        return new BitcoinSource(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Ethereum execution clients (geth, Nethermind, Erigon, Besu, Reth) over JSON-RPC 2.0:
     * {@code eth_syncing}, {@code eth_blockNumber} and {@code net_peerCount}, so the node must
     * expose the {@code eth} and {@code net} APIs (geth {@code --http.api eth,net}).
     *
     * <p>The height is the larger of {@code eth_blockNumber} and {@code eth_syncing.currentBlock};
     * the network height is {@code highestBlock} while the node syncs and unknown otherwise.
     * geth's extra snap-sync fields are ignored, and hex quantities with leading zeros are
     * accepted. {@code eth_syncing: false} is not proof of sync (go-ethereum#25534, Besu#7338):
     * with no peers the status says {@code syncingFlagTrusted=false} and zero peers, which
     * {@code SyncCheck}'s peer minimum rejects; a node that answers {@code false} while stuck
     * (go-ethereum#25771) shows as a height that stops advancing.
     *
     * <pre>{@code
     * SyncSource geth = SyncSource.ethereum(HttpEndpoint.of("http://127.0.0.1:8545"));
     * }</pre>
     *
     * @param endpoint the node's JSON-RPC endpoint
     * @return the source
     */
    static SyncSource ethereum(HttpEndpoint endpoint) {
        return ethereum(endpoint, Clock.systemUTC());
    }

    /**
     * Returns an Ethereum execution-layer source.
     *
     * @param endpoint the node's JSON-RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return an Ethereum execution-layer source
     * @see #ethereum(HttpEndpoint)
     */
    static SyncSource ethereum(HttpEndpoint endpoint, Clock clock) {
        return new EthereumSource(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * NEAR (nearcore) over JSON-RPC 2.0: {@code status} for the height, the {@code syncing} flag
     * and the tip time, and {@code network_info} for {@code num_active_peers}.
     *
     * <p>NEAR reports no network height, so the status has none: compare against reference nodes,
     * and let the tip time show a node that stopped. nearcore says {@code syncing} when only a few
     * blocks behind (nearcore#3492), so use {@code SyncCheck}'s hysteresis.
     *
     * <pre>{@code
     * SyncSource near = SyncSource.near(HttpEndpoint.of("http://127.0.0.1:3030"));
     * }</pre>
     *
     * @param endpoint the node's JSON-RPC endpoint
     * @return the source
     */
    static SyncSource near(HttpEndpoint endpoint) {
        return near(endpoint, Clock.systemUTC());
    }

    /**
     * Returns a NEAR source.
     *
     * @param endpoint the node's JSON-RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a NEAR source
     * @see #near(HttpEndpoint)
     */
    static SyncSource near(HttpEndpoint endpoint, Clock clock) {
        return new NearSource(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * CometBFT and Tendermint (Cosmos SDK chains) over the RPC: {@code GET /status} for the
     * height, {@code catching_up} and the tip time, and {@code GET /net_info} for {@code n_peers}.
     *
     * <p>Heights are decimal strings. Both the JSON-RPC envelope and a bare result are read. There
     * is no network height. A node stuck at a height still says {@code catching_up: false}
     * (tendermint#7141), so the tip time is what reveals it to {@code SyncCheck}.
     *
     * <pre>{@code
     * SyncSource gaia = SyncSource.cometbft(HttpEndpoint.of("http://127.0.0.1:26657"));
     * }</pre>
     *
     * @param endpoint the node's RPC endpoint (port 26657 by default)
     * @return the source
     */
    static SyncSource cometbft(HttpEndpoint endpoint) {
        return cometbft(endpoint, Clock.systemUTC());
    }

    /**
     * Returns a CometBFT source.
     *
     * @param endpoint the node's RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a CometBFT source
     * @see #cometbft(HttpEndpoint)
     */
    static SyncSource cometbft(HttpEndpoint endpoint, Clock clock) {
        return new CometBftSource(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Ethereum consensus clients over the Beacon API: {@code GET /eth/v1/node/syncing} and
     * {@code GET /eth/v1/node/peer_count}.
     *
     * <p>Heights are slots: the height is {@code head_slot} and the network height
     * {@code head_slot + sync_distance}. The node counts as syncing when {@code is_syncing}, and
     * also when {@code is_optimistic} or {@code el_offline}, since it cannot then serve validated
     * data or follow the chain (its own {@code /eth/v1/node/health} answers 206); those flags are
     * kept as details.
     *
     * <pre>{@code
     * SyncSource lighthouse = SyncSource.beacon(HttpEndpoint.of("http://127.0.0.1:5052"));
     * }</pre>
     *
     * @param endpoint the node's Beacon API endpoint
     * @return the source
     */
    static SyncSource beacon(HttpEndpoint endpoint) {
        return beacon(endpoint, Clock.systemUTC());
    }

    /**
     * Returns a Beacon API source.
     *
     * @param endpoint the node's Beacon API endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a Beacon API source
     * @see #beacon(HttpEndpoint)
     */
    static SyncSource beacon(HttpEndpoint endpoint, Clock clock) {
        return new BeaconSource(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Solana (Agave) nodes over JSON-RPC 2.0: {@code getHealth} and {@code getSlot} with
     * {@code confirmed} commitment, both POSTed to the endpoint's URL.
     *
     * <p>Heights are slots. A node that answers {@code getHealth} with error {@code -32005}
     * ("Node is behind by N slots") is read as syncing, not as a failure, with network height
     * {@code slot + N}; when it cannot tell how far behind it is ({@code numSlotsBehind: null},
     * e.g. just started) it is syncing with the detail {@code health=unknown}. Other RPC errors
     * fail the read. The HTTP {@code GET /health} route is deliberately not used: it answers 200
     * whether or not the node is behind. Peers are not reported (Solana has no cheap peer count).
     *
     * <pre>{@code
     * SyncSource node = SyncSource.solana(HttpEndpoint.of("http://127.0.0.1:8899"));
     * }</pre>
     *
     * @param endpoint the node's RPC endpoint
     * @return the source
     */
    static SyncSource solana(HttpEndpoint endpoint) {
        return solana(endpoint, Clock.systemUTC());
    }

    /**
     * Returns a Solana source.
     *
     * @param endpoint the node's RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a Solana source
     * @see #solana(HttpEndpoint)
     */
    static SyncSource solana(HttpEndpoint endpoint, Clock clock) {
        return new SolanaSource(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Substrate nodes (Polkadot, Kusama, parachains) over JSON-RPC 2.0: {@code system_health}
     * and {@code system_syncState}, both POSTed to the endpoint's URL.
     *
     * <p>Height is {@code currentBlock}, network height {@code highestBlock} (absent on older
     * nodes until they hear of a block), peers and syncing from {@code system_health}. A fresh
     * node with no peers says {@code isSyncing: false}; it is reported as it is, with its 0 peers,
     * for {@code SyncCheck} to judge. {@code shouldHavePeers} (false on a {@code --dev} chain)
     * and {@code startingBlock} are details.
     *
     * <pre>{@code
     * SyncSource node = SyncSource.substrate(HttpEndpoint.of("http://127.0.0.1:9944"));
     * }</pre>
     *
     * @param endpoint the node's RPC endpoint
     * @return the source
     */
    static SyncSource substrate(HttpEndpoint endpoint) {
        return substrate(endpoint, Clock.systemUTC());
    }

    /**
     * Returns a Substrate source.
     *
     * @param endpoint the node's RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a Substrate source
     * @see #substrate(HttpEndpoint)
     */
    static SyncSource substrate(HttpEndpoint endpoint, Clock clock) {
        return new SubstrateSource(Objects.requireNonNull(endpoint, "endpoint"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Monero's daemon (monerod) over JSON-RPC 2.0: one {@code get_info} POSTed to
     * {@code /json_rpc}.
     *
     * <p>Corrects monerod's quirks: {@code height} counts blocks, so the reported height is
     * {@code height - 1}; {@code target_height} is 0 once synchronized, so it only raises the
     * network height while above 0; syncing is {@code !synchronized || busy_syncing}; a
     * {@code status} other than {@code OK} fails the read. On the restricted RPC port the
     * connection counts always read 0, so peers are left unknown there (detail
     * {@code restricted}). A node answering for a bootstrap daemon ({@code untrusted: true})
     * reports its own {@code height_without_bootstrap} and is syncing.
     *
     * <pre>{@code
     * SyncSource node = SyncSource.monero(HttpEndpoint.of("http://127.0.0.1:18081"));
     * }</pre>
     *
     * @param endpoint the node's RPC endpoint (its base URL, without {@code /json_rpc})
     * @return the source
     */
    static SyncSource monero(HttpEndpoint endpoint) {
        return monero(endpoint, Clock.systemUTC());
    }

    /**
     * Returns a Monero source.
     *
     * @param endpoint the node's RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a Monero source
     * @see #monero(HttpEndpoint)
     */
    static SyncSource monero(HttpEndpoint endpoint, Clock clock) {
        return new MoneroSource(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Any node that answers one HTTP GET or POST with JSON, read at the JSON Pointers of a
     * {@link JsonSourceSpec}: one call per read.
     *
     * <p>Numbers may come as JSON numbers, decimal strings or 0x-hex strings. A pointer that
     * matches nothing, or a value of the wrong type, fails the read with the pointer and what
     * the answer has there. Without a syncing pointer the node is reported as not syncing, so
     * readiness then rests on the lag, peers and tip time.
     *
     * <pre>{@code
     * SyncSource node = SyncSource.json(HttpEndpoint.of("http://127.0.0.1:26657"),
     *         JsonSourceSpec.get("/status").height("/result/sync_info/latest_block_height")
     *                 .withSyncing("/result/sync_info/catching_up"));
     * }</pre>
     *
     * @param endpoint the node's endpoint
     * @param spec the call and pointers
     * @return the source
     */
    static SyncSource json(HttpEndpoint endpoint, JsonSourceSpec spec) {
        return json(endpoint, spec, Clock.systemUTC());
    }

    /**
     * Returns a JSON source.
     *
     * @param endpoint the node's endpoint
     * @param spec the call and pointers
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a JSON source
     * @see #json(HttpEndpoint, JsonSourceSpec)
     */
    static SyncSource json(HttpEndpoint endpoint, JsonSourceSpec spec, Clock clock) {
        return new JsonSource(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(spec, "spec"),
                Objects.requireNonNull(clock, "clock"));
    }
}
