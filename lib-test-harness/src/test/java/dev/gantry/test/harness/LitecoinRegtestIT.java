package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link LitecoinRegtest} nodes injected by {@link RealPrograms}, against real litecoind 0.21. */
@RealPrograms
class LitecoinRegtestIT {

    private static final Duration SYNC = Duration.ofSeconds(60);

    @Test
    void aNodeMinesPastTheMwebHeightWithoutAWallet(LitecoinRegtest node) {
        node.generate(440);

        assertThat(node.blockCount()).isEqualTo(440);
        assertThat(node.call("getblockchaininfo").path("chain").asString()).isEqualTo("regtest");
    }

    @Test
    void aConnectedNodeCatchesUpAndAnInactiveOneStaysBehind(LitecoinRegtest a, LitecoinRegtest b) {
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

    @Test
    void eachParameterIsItsOwnNodeWithItsOwnPortsAndAPasswordThatNeverPrints(LitecoinRegtest a, LitecoinRegtest b) {
        assertThat(a.rpcPort()).isNotEqualTo(b.rpcPort());
        assertThat(a.process().workDir()).isNotEqualTo(b.process().workDir());
        assertThat(a.password()).isNotEqualTo(b.password());
        assertThat(a.password()).hasToString("****");
        assertThat(a.toString() + a.process()).doesNotContain(a.password().reveal());
        assertThat(a.rpcUrl()).isEqualTo("http://127.0.0.1:" + a.rpcPort());
    }
}
