package dev.gantry.health.sync;

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

    /** @return the source's name for messages and metrics: the family and the URL */
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
     * SyncSource node = SyncSource.bitcoin(Endpoint.of("http://127.0.0.1:9332")
     *         .withBasicAuth("rpc", Secret.fromEnv("RPC_PASSWORD")));
     * }</pre>
     *
     * @param endpoint the node's RPC endpoint, usually with basic auth
     * @return the source
     */
    static SyncSource bitcoin(Endpoint endpoint) {
        return bitcoin(endpoint, Clock.systemUTC());
    }

    /**
     * @param endpoint the node's RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a Bitcoin-family source
     * @see #bitcoin(Endpoint)
     */
    static SyncSource bitcoin(Endpoint endpoint, Clock clock) {
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
     * SyncSource geth = SyncSource.ethereum(Endpoint.of("http://127.0.0.1:8545"));
     * }</pre>
     *
     * @param endpoint the node's JSON-RPC endpoint
     * @return the source
     */
    static SyncSource ethereum(Endpoint endpoint) {
        return ethereum(endpoint, Clock.systemUTC());
    }

    /**
     * @param endpoint the node's JSON-RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return an Ethereum execution-layer source
     * @see #ethereum(Endpoint)
     */
    static SyncSource ethereum(Endpoint endpoint, Clock clock) {
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
     * SyncSource near = SyncSource.near(Endpoint.of("http://127.0.0.1:3030"));
     * }</pre>
     *
     * @param endpoint the node's JSON-RPC endpoint
     * @return the source
     */
    static SyncSource near(Endpoint endpoint) {
        return near(endpoint, Clock.systemUTC());
    }

    /**
     * @param endpoint the node's JSON-RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a NEAR source
     * @see #near(Endpoint)
     */
    static SyncSource near(Endpoint endpoint, Clock clock) {
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
     * SyncSource gaia = SyncSource.cometbft(Endpoint.of("http://127.0.0.1:26657"));
     * }</pre>
     *
     * @param endpoint the node's RPC endpoint (port 26657 by default)
     * @return the source
     */
    static SyncSource cometbft(Endpoint endpoint) {
        return cometbft(endpoint, Clock.systemUTC());
    }

    /**
     * @param endpoint the node's RPC endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a CometBFT source
     * @see #cometbft(Endpoint)
     */
    static SyncSource cometbft(Endpoint endpoint, Clock clock) {
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
     * SyncSource lighthouse = SyncSource.beacon(Endpoint.of("http://127.0.0.1:5052"));
     * }</pre>
     *
     * @param endpoint the node's Beacon API endpoint
     * @return the source
     */
    static SyncSource beacon(Endpoint endpoint) {
        return beacon(endpoint, Clock.systemUTC());
    }

    /**
     * @param endpoint the node's Beacon API endpoint
     * @param clock the clock that stamps {@link SyncStatus#observedAt()}
     * @return a Beacon API source
     * @see #beacon(Endpoint)
     */
    static SyncSource beacon(Endpoint endpoint, Clock clock) {
        return new BeaconSource(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(clock, "clock"));
    }
}
