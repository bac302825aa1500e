package dev.gantry.health.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.test.harness.LitecoinRegtest;
import dev.gantry.test.harness.RealProcesses;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The litecoind regtest harness against real litecoind 0.21 nodes. */
class LitecoinRegtestIT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    private static final Duration SYNC = Duration.ofSeconds(60);

    @Test
    void aNodeMinesPastTheMwebHeightWithoutAWallet() {
        LitecoinRegtest node = LitecoinRegtest.start(processes, "miner");

        node.generate(440);

        assertThat(node.blockCount()).isEqualTo(440);
        assertThat(node.call("getblockchaininfo").path("chain").asString()).isEqualTo("regtest");
    }

    @Test
    void aConnectedNodeCatchesUpAndAnInactiveOneStaysBehind() {
        LitecoinRegtest a = LitecoinRegtest.start(processes, "a");
        LitecoinRegtest b = LitecoinRegtest.start(processes, "b");
        a.generate(30);
        assertThat(b.blockCount()).isZero();

        b.addNode(a);
        await("b reaches a's height 30").atMost(SYNC).pollInterval(Duration.ofMillis(200))
                .until(b::blockCount, height -> height == 30);
        assertThat(b.connections()).isEqualTo(1);

        b.setNetworkActive(false);
        await("b has no peers").atMost(SYNC).until(b::connections, peers -> peers == 0);
        a.generate(5);

        assertThat(a.blockCount()).isEqualTo(35);
        assertThat(b.blockCount()).isEqualTo(30);
    }
}
