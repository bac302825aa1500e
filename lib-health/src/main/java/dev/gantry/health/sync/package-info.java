/**
 * Sync sources and sync checks: a {@link dev.gantry.health.sync.SyncSource} reads one node
 * family's own sync signal, height and peers over its RPC (bitcoin, ethereum, near, cometbft,
 * beacon, solana, substrate, monero, or any JSON answer), and {@link dev.gantry.health.sync.SyncCheck}
 * turns them into readiness: not syncing, lag within bounds of the network or reference nodes,
 * height advancing, enough peers, with value-band hysteresis on the lag.
 *
 * <pre>{@code
 * HealthCheck node = SyncCheck.builder(SyncSource.bitcoin(HttpEndpoint.of("http://127.0.0.1:9332")
 *         .withBasicAuth("rpc", Secret.fromEnv("RPC_PASSWORD")))).build();
 * }</pre>
 *
 * <p>Every call goes through an {@link dev.gantry.health.HttpEndpoint} and gantry-health's one
 * shared HTTP client.
 */
package dev.gantry.health.sync;
