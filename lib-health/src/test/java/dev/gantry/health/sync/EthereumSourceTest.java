package dev.gantry.health.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Answers are shaped after the execution-apis spec of {@code eth_syncing} (its progress sample
 * {@code {"startingBlock":"0x0","currentBlock":"0x1518","highestBlock":"0x9567a3"}}) and geth's
 * snap-sync output quoted in go-ethereum#25281 and #25779.
 */
class EthereumSourceTest extends SyncSourceContract {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SPEC_PROGRESS =
            "{\"startingBlock\":\"0x0\",\"currentBlock\":\"0x1518\",\"highestBlock\":\"0x9567a3\"}";
    private static final String GETH_SNAP_PROGRESS = "{\"currentBlock\":\"0xeaa2c1\",\"healedBytecodeBytes\":\"0x0\","
            + "\"healedBytecodes\":\"0x0\",\"healedTrienodeBytes\":\"0x0\",\"healedTrienodes\":\"0x0\","
            + "\"healingBytecode\":\"0x0\",\"healingTrienodes\":\"0x0\",\"highestBlock\":\"0xeaa2e4\","
            + "\"startingBlock\":\"0xea9e05\",\"syncedAccountBytes\":\"0x2a48d4f1d\",\"syncedAccounts\":\"0x2b4bd42\","
            + "\"syncedBytecodeBytes\":\"0x1f7de8ac\",\"syncedBytecodes\":\"0x7fb8\",\"syncedStorage\":\"0x9f0c6a9\","
            + "\"syncedStorageBytes\":\"0x83e80ed0a\",\"txIndexFinishedBlocks\":\"0x0\",\"txIndexRemainingBlocks\":\"0x1\"}";

    @Override
    SyncSource source(HttpEndpoint endpoint) {
        return SyncSource.ethereum(endpoint, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    MappingBuilder everyCall() {
        return post(urlEqualTo("/"));
    }

    private static void answers(String method, ResponseDefinitionBuilder answer) {
        node.stubFor(post(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                .willReturn(answer));
    }

    private static void result(String method, String result) {
        answers(method, okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}"));
    }

    private static void node(String syncing, String blockNumber, String peerCount) {
        result("eth_syncing", syncing);
        result("eth_blockNumber", blockNumber);
        result("net_peerCount", peerCount);
    }

    @Test
    void aSyncedNodeReportsItsBlockNumberAndPeersButNoNetworkHeight() {
        node("false", "\"0x12a05f2\"", "\"0x19\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(0x12a05f2);
        assertThat(status.syncing()).isFalse();
        assertThat(status.peers()).hasValue(25);
        assertThat(status.networkHeight()).isEmpty();
        assertThat(status.observedAt()).isEqualTo(NOW);
        assertThat(status.details()).containsEntry("syncingFlagTrusted", true);
    }

    @Test
    void aSyncingNodeReportsCurrentBlockAsHeightAndHighestBlockAsNetworkHeight() {
        node(SPEC_PROGRESS, "\"0x1518\"", "\"0x5\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.height()).isEqualTo(0x1518);
        assertThat(status.networkHeight()).hasValue(0x9567a3);
        assertThat(status.lag()).hasValue(0x9567a3 - 0x1518);
        assertThat(status.details()).containsEntry("currentBlock", 0x1518L).containsEntry("highestBlock", 0x9567a3L);
    }

    @Test
    void gethSnapSyncFieldsAreIgnored() {
        node(GETH_SNAP_PROGRESS, "\"0xeaa2c1\"", "\"0x32\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(0xeaa2c1);
        assertThat(status.lag()).hasValue(0xeaa2e4 - 0xeaa2c1);
        assertThat(status.peers()).hasValue(50);
    }

    @Test
    void theHeightIsTheLargerOfBlockNumberAndCurrentBlock() {
        node(SPEC_PROGRESS, "\"0x0\"", "\"0x5\"");

        assertThat(source(endpoint()).read().height()).isEqualTo(0x1518);
    }

    @Test
    void aNodeAtTheHeadThatStillHealsStateIsSyncing() {
        node("{\"startingBlock\":\"0x0\",\"currentBlock\":\"0x64\",\"highestBlock\":\"0x64\",\"healingTrienodes\":\"0x3e8\"}",
                "\"0x64\"", "\"0x5\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.lag()).hasValue(0);
    }

    @Test
    void falseWithoutPeersIsReportedAsNotSyncingButUntrustedWithZeroPeers() {
        node("false", "\"0x64\"", "\"0x0\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isFalse();
        assertThat(status.peers()).hasValue(0);
        assertThat(status.details()).containsEntry("syncingFlagTrusted", false);
    }

    @Test
    void aNodeThatFellBehindAndAnswersFalseHasNoLagToShow() {
        node("false", "\"0x64\"", "\"0x3\"");

        assertThat(source(endpoint()).read().lag()).as("false carries no highestBlock").isEmpty();
    }

    @Test
    void aJsonRpcErrorObjectFailsWithItsCodeAndMessage() {
        node("false", "\"0x64\"", "\"0x3\"");
        answers("net_peerCount", okJson("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32601,"
                + "\"message\":\"the method net_peerCount does not exist/is not available\"}}"));

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("RPC net_peerCount failed with error -32601: the method net_peerCount does not exist");
    }

    @Test
    void aJsonRpcErrorObjectWinsOverItsHttp503() {
        answers("eth_syncing", aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"server is starting\"}}"));

        assertThat(readFails(source(endpoint()))).hasMessageContaining("-32000: server is starting");
    }

    @Test
    void hexQuantitiesWithLeadingZerosAreAcceptedBecauseTheirValueIsUnambiguous() {
        node("false", "\"0x01b4\"", "\"0x00\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(0x1b4);
        assertThat(status.peers()).hasValue(0);
    }

    @Test
    void upperCaseHexDigitsAreAccepted() {
        node("false", "\"0x1B4\"", "\"0x1\"");

        assertThat(source(endpoint()).read().height()).isEqualTo(0x1b4);
    }

    @Test
    void aHexQuantityWithoutThePrefixIsRejected() {
        node("false", "\"1b4\"", "\"0x1\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("eth_blockNumber: expected a hex quantity like \"0x1b4\" but was \"1b4\"");
    }

    @Test
    void aPrefixWithoutDigitsIsRejected() {
        node("false", "\"0x64\"", "\"0x\"");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("net_peerCount: expected a hex quantity");
    }

    @Test
    void aJsonNumberWhereAHexStringBelongsIsRejected() {
        node("false", "436", "\"0x1\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("eth_blockNumber: expected a hex quantity like \"0x1b4\" but was 436");
    }

    @Test
    void aNegativeHexQuantityIsRejected() {
        node("false", "\"-0x1\"", "\"0x1\"");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("eth_blockNumber: expected a hex quantity");
    }

    @Test
    void theLargestLongIsReadButTwoToTheSixtyThreeIsRejected() {
        node("false", "\"0x7fffffffffffffff\"", "\"0x1\"");
        assertThat(source(endpoint()).read().height()).isEqualTo(Long.MAX_VALUE);

        node("false", "\"0x8000000000000000\"", "\"0x1\"");
        assertThat(readFails(source(endpoint()))).hasMessageContaining("eth_blockNumber should be a value below 2^63");
    }

    @Test
    void aHugePeerCountIsClampedToTheLargestInt() {
        node("false", "\"0x1\"", "\"0x100000000\"");

        assertThat(source(endpoint()).read().peers()).hasValue(Integer.MAX_VALUE);
    }

    @Test
    void trueInsteadOfAProgressObjectIsRejected() {
        node("true", "\"0x64\"", "\"0x1\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("eth_syncing should be false or a sync progress object but was true");
    }

    @Test
    void aProgressObjectWithoutHighestBlockNamesTheField() {
        node("{\"startingBlock\":\"0x0\",\"currentBlock\":\"0x1518\"}", "\"0x1518\"", "\"0x1\"");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("eth_syncing: the answer has no 'highestBlock' field");
    }

    @Test
    void itSpeaksJsonRpcTwoWithEmptyParams() {
        node("false", "\"0x64\"", "\"0x1\"");

        source(endpoint()).read();

        node.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", equalTo("Basic cnBjOmh1bnRlcjItZG8tbm90LXByaW50"))
                .withRequestBody(matchingJsonPath("$.jsonrpc", equalTo("2.0")))
                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_syncing")))
                .withRequestBody(matchingJsonPath("$.params", equalToJson("[]"))));
    }
}
