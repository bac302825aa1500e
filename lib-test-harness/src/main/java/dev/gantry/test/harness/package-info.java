/**
 * Real programs for integration tests, without Docker, published as
 * {@code dev.gantry:gantry-test-harness}: etcd clusters, sshd, litecoind regtest nodes and
 * HAProxy on {@code 127.0.0.1}, each with free ports, a private working directory, a readiness
 * deadline and a clean stop.
 *
 * <p>{@link dev.gantry.test.harness.RealPrograms} is the entry point: annotate a JUnit 5 test
 * class and declare parameters such as {@link dev.gantry.test.harness.EtcdCluster} (or
 * {@link dev.gantry.test.harness.EtcdTlsCluster} for mutual TLS),
 * {@link dev.gantry.test.harness.SshServer} or {@link dev.gantry.test.harness.LitecoinRegtest}.
 * The pieces underneath are public too: {@link dev.gantry.test.harness.RealProcess} (one
 * program, its log and its stop), {@link dev.gantry.test.harness.RealProcesses} (the scope that
 * stops them), {@link dev.gantry.test.harness.Readiness} (what to await),
 * {@link dev.gantry.test.harness.LoopbackPorts} (free ports) and
 * {@link dev.gantry.test.harness.Programs} (finding a program, or skipping without it).
 * {@link dev.gantry.test.harness.MutableClock} is a clock for unit tests.
 *
 * <p>The harness depends on no other Gantry module (JUnit's API, SLF4J, Awaitility and Jackson
 * only), so Gantry's own modules test with it; {@code gantry-test} brings it along.
 */
package dev.gantry.test.harness;
