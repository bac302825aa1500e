package dev.gantry.health.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.test.harness.LitecoinRegtest;
import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.RealProcess;
import dev.gantry.test.harness.RealProcesses;
import dev.gantry.test.harness.RealPrograms;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sidecar as a real child {@code java} process in front of a real litecoind regtest node B,
 * with node A as its reference: 503 while B is behind, 200 once it has caught up, and a
 * {@code /livez} that answers 200 the whole time. The nodes are parameters, started by
 * {@link RealPrograms}.
 */
@RealPrograms
class SidecarLitecoinIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    @Test
    void answers503WhileTheNodeIsBehindItsReferenceAnd200OnceCaughtUpWhileLivezStays200(RealProcesses processes,
            LitecoinRegtest a, LitecoinRegtest b) {
        a.generate(25);
        int port = LoopbackPorts.allocate();
        // --min-peers 0: in a two-node network B has no peer while it is cut off, and SYNC-NO-PEERS
        // would then be judged before the lag this test is about.
        RealProcess sidecar = SidecarProcess.start(processes, "sidecar-b", port,
                Map.of("RPC_PASSWORD", b.password().reveal(), "REFERENCE_PASSWORD", a.password().reveal()),
                List.of("--source", "bitcoin", "--url", b.rpcUrl(),
                        "--rpc-user", LitecoinRegtest.RPC_USER, "--rpc-password-env", "RPC_PASSWORD",
                        "--reference", a.rpcUrl(), "--reference-rpc-user", LitecoinRegtest.RPC_USER,
                        "--reference-rpc-password-env", "REFERENCE_PASSWORD",
                        "--max-lag", "2", "--resume-lag", "0", "--interval", "500ms", "--min-peers", "0"));
        URI base = URI.create("http://" + LoopbackPorts.HOST + ":" + port);

        try (LivezRecorder livez = LivezRecorder.start(base.resolve("/livez"), Duration.ofMillis(100))) {
            // B starts at height 0 without peers: in initial block download and 25 behind A.
            HealthAnswer behind = awaitHealthcheck(base, "B behind A before it has a peer",
                    answer -> answer.status() == 503 && List.of("SYNC-SYNCING", "SYNC-LAGGING").contains(answer.reason()));
            assertThat(behind.body().path("ready").asBoolean(true)).isFalse();
            assertThat(behind.lag()).isEqualTo(25);
            assertThat(b.blockCount()).isZero();

            b.addNode(a);
            HealthAnswer caughtUp = awaitHealthcheck(base, "B caught up with A", answer -> answer.status() == 200);
            assertThat(caughtUp.reason()).isEqualTo("SYNC-OK");
            assertThat(b.blockCount()).isEqualTo(25);

            // B leaves the network while A goes on mining: B lags, with its sync flag already latched off.
            b.setNetworkActive(false);
            await("B has no peers").atMost(DEADLINE).pollInterval(POLL).until(b::connections, peers -> peers == 0);
            a.generate(10);
            HealthAnswer lagging = awaitHealthcheck(base, "B lagging 10 blocks behind A",
                    answer -> answer.status() == 503 && answer.reason().equals("SYNC-LAGGING"));
            assertThat(lagging.lag()).isEqualTo(10);
            assertThat(b.blockCount()).isEqualTo(25);

            b.setNetworkActive(true);
            b.addNode(a);
            awaitHealthcheck(base, "B caught up again", answer -> answer.status() == 200);
            assertThat(b.blockCount()).isEqualTo(35);

            livez.close();
            assertThat(livez.answers()).hasSizeGreaterThan(10).containsOnly("200");
        }

        assertThat(sidecar.log()).contains("gantry sidecar: serving " + base)
                .doesNotContain(a.password().reveal(), b.password().reveal());
        sidecar.stop();
        assertThat(sidecar.exitCode()).as("a clean stop on SIGTERM, before the SIGKILL of the harness")
                .hasValue(128 + 15);
    }

    @Test
    void theJsonSourceReadsLitecoindAtJsonPointersWithBasicAuth(RealProcesses processes, LitecoinRegtest a,
            LitecoinRegtest b) {
        a.generate(15);
        int port = LoopbackPorts.allocate();
        SidecarProcess.start(processes, "sidecar-json-b", port,
                Map.of("RPC_PASSWORD", b.password().reveal(), "REFERENCE_PASSWORD", a.password().reveal()),
                List.of("--source", "json", "--url", b.rpcUrl(),
                        "--body", "{\"jsonrpc\":\"1.0\",\"id\":\"gantry\",\"method\":\"getblockchaininfo\",\"params\":[]}",
                        "--height-pointer", "/result/blocks", "--network-height-pointer", "/result/headers",
                        "--syncing-pointer", "/result/initialblockdownload",
                        "--rpc-user", LitecoinRegtest.RPC_USER, "--rpc-password-env", "RPC_PASSWORD",
                        "--reference", a.rpcUrl(), "--reference-rpc-user", LitecoinRegtest.RPC_USER,
                        "--reference-rpc-password-env", "REFERENCE_PASSWORD", "--interval", "500ms"));
        URI base = URI.create("http://" + LoopbackPorts.HOST + ":" + port);

        HealthAnswer behind = awaitHealthcheck(base, "B, in initial block download, behind A",
                answer -> answer.status() == 503 && answer.reason().equals("SYNC-SYNCING"));
        assertThat(behind.lag()).isEqualTo(15);

        b.addNode(a);
        HealthAnswer caughtUp = awaitHealthcheck(base, "B caught up with A", answer -> answer.status() == 200);
        assertThat(caughtUp.reason()).isEqualTo("SYNC-OK");
        assertThat(caughtUp.body().path("checks").path("node").path("height").asLong()).isEqualTo(15);
    }

    private static HealthAnswer awaitHealthcheck(URI base, String what,
            java.util.function.Predicate<HealthAnswer> condition) {
        return await(what).atMost(DEADLINE).pollInterval(POLL).ignoreExceptions()
                .until(() -> HealthAnswer.get(base.resolve("/healthcheck")), condition);
    }
}
