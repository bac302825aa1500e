package dev.gantry.health.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.gantry.health.HttpEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Answers are shaped after monerod 0.18.0.0 in regtest (research/real-components.md section 9:
 * {@code {"height":1,"nettype":"fakechain","offline":true,"status":"OK","synchronized":true,
 * "target_height":0,…}} and the JSON-RPC envelope {@code {"id":"0","jsonrpc":"2.0","result":…}}),
 * the getmonero.org daemon RPC docs of {@code get_info}, and {@code on_get_info} in monero's
 * {@code src/rpc/core_rpc_server.cpp} (height = top + 1, target_height 0 when synchronized,
 * connection counts 0 when restricted, {@code height_without_bootstrap} when answering for a
 * bootstrap daemon).
 */
class MoneroSourceTest extends SyncSourceContract {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Override
    SyncSource source(HttpEndpoint endpoint) {
        return SyncSource.monero(endpoint, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    MappingBuilder everyCall() {
        return post(urlEqualTo("/json_rpc"));
    }

    private static void info(String result) {
        node.stubFor(post(urlEqualTo("/json_rpc")).withRequestBody(matchingJsonPath("$.method", equalTo("get_info")))
                .willReturn(okJson("{\"id\":\"0\",\"jsonrpc\":\"2.0\",\"result\":" + result + "}")));
    }

    private static String info(long height, long targetHeight, boolean synced, boolean busy, int out, int in) {
        return "{\"adjusted_time\":1763891990,\"alt_blocks_count\":0,\"busy_syncing\":" + busy
                + ",\"cumulative_difficulty\":1,\"database_size\":104857,\"difficulty\":1,\"free_space\":1000000000"
                + ",\"grey_peerlist_size\":0,\"height\":" + height + ",\"height_without_bootstrap\":" + height
                + ",\"incoming_connections_count\":" + in + ",\"mainnet\":false,\"nettype\":\"fakechain\""
                + ",\"offline\":false,\"outgoing_connections_count\":" + out + ",\"restricted\":false"
                + ",\"rpc_connections_count\":1,\"stagenet\":false,\"start_time\":1763891900,\"status\":\"OK\""
                + ",\"synchronized\":" + synced + ",\"target\":120,\"target_height\":" + targetHeight
                + ",\"testnet\":false,\"top_block_hash\":\"418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e3\""
                + ",\"tx_count\":0,\"tx_pool_size\":0,\"untrusted\":false,\"update_available\":false"
                + ",\"version\":\"0.18.0.0-release\",\"was_bootstrap_ever_used\":false,\"white_peerlist_size\":0}";
    }

    @Test
    void theRegtestAnswerOfARealMonerodReadsAsTheGenesisBlockSynced() {
        info("{\"height\":1,\"nettype\":\"fakechain\",\"offline\":true,\"status\":\"OK\",\"synchronized\":true,"
                + "\"target_height\":0,\"busy_syncing\":false,\"outgoing_connections_count\":0,"
                + "\"incoming_connections_count\":0,\"restricted\":false,\"untrusted\":false}");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).as("height counts blocks; the top is height - 1").isZero();
        assertThat(status.networkHeight()).hasValue(0);
        assertThat(status.syncing()).isFalse();
        assertThat(status.peers()).hasValue(0);
        assertThat(status.observedAt()).isEqualTo(NOW);
    }

    @Test
    void aSyncedNodeReportsTheTopBlockAsHeightAndNoLag() {
        info(info(3194582, 0, true, false, 12, 20));

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(3194581L);
        assertThat(status.networkHeight()).as("target_height is 0 once synchronized").hasValue(3194581L);
        assertThat(status.lag()).hasValue(0);
        assertThat(status.syncing()).isFalse();
        assertThat(status.peers()).hasValue(32);
        assertThat(status.details()).containsEntry("synchronized", true).containsEntry("target_height", 0L);
    }

    @Test
    void aSyncingNodeReportsTheTargetHeightAsNetworkHeight() {
        info(info(1500001, 3194582, false, true, 8, 0));

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(1500000L);
        assertThat(status.networkHeight()).hasValue(3194581L);
        assertThat(status.lag()).hasValue(1694581L);
        assertThat(status.syncing()).isTrue();
        assertThat(status.details()).containsEntry("busy_syncing", true);
    }

    @Test
    void aNodeThatIsBusySyncingAFewBlocksIsSyncing() {
        info(info(3194580, 0, true, true, 8, 0));

        assertThat(source(endpoint()).read().syncing()).isTrue();
    }

    @Test
    void aNodeNotYetSynchronizedIsSyncingEvenWhenNotBusy() {
        info(info(3194575, 3194582, false, false, 8, 0));

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.lag()).hasValue(7);
    }

    @Test
    void aNodeWithoutConnectionsReportsZeroPeers() {
        info(info(3194582, 0, true, false, 0, 0));

        assertThat(source(endpoint()).read().peers()).hasValue(0);
    }

    @Test
    void theRestrictedPortLeavesPeersUnknownInsteadOfReportingItsZeros() {
        info(info(3194582, 0, true, false, 0, 0).replace("\"restricted\":false", "\"restricted\":true"));

        SyncStatus status = source(endpoint()).read();

        assertThat(status.peers()).isEmpty();
        assertThat(status.details()).containsEntry("restricted", true);
    }

    @Test
    void aNodeAnsweringForItsBootstrapDaemonReportsItsOwnHeightAndIsSyncing() {
        info(info(3194582, 0, true, false, 40, 60).replace("\"untrusted\":false", "\"untrusted\":true")
                .replace("\"height_without_bootstrap\":3194582", "\"height_without_bootstrap\":2000001"));

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(2000000L);
        assertThat(status.networkHeight()).hasValue(3194581L);
        assertThat(status.syncing()).isTrue();
        assertThat(status.peers()).as("the counts are the bootstrap daemon's").isEmpty();
        assertThat(status.details()).containsEntry("untrusted", true);
    }

    @Test
    void aStatusOtherThanOkFails() {
        info(info(3194582, 0, true, false, 8, 0).replace("\"status\":\"OK\"", "\"status\":\"BUSY\""));

        assertThat(readFails(source(endpoint()))).hasMessageContaining("get_info: 'status' should be \"OK\" but was \"BUSY\"");
    }

    @Test
    void anAnswerWithoutStatusFails() {
        info("{\"height\":10,\"target_height\":0,\"synchronized\":true,\"busy_syncing\":false,"
                + "\"outgoing_connections_count\":1,\"incoming_connections_count\":0}");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("get_info: the answer has no 'status' field");
    }

    @Test
    void anRpcErrorObjectFailsTheRead() {
        node.stubFor(everyCall().willReturn(okJson(
                "{\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"0\",\"jsonrpc\":\"2.0\"}")));

        assertThat(readFails(source(endpoint()))).hasMessageContaining("RPC get_info failed with error -32601: Method not found");
    }

    @Test
    void aHeightThatIsNotANumberNamesTheField() {
        info(info(5, 0, true, false, 1, 0).replace("\"height\":5", "\"height\":\"5\""));

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("get_info: 'height' should be a non-negative integer but was \"5\"");
    }

    @Test
    void aSynchronizedFlagThatIsNotABooleanNamesTheField() {
        info(info(5, 0, true, false, 1, 0).replace("\"synchronized\":true", "\"synchronized\":1"));

        assertThat(readFails(source(endpoint()))).hasMessageContaining("'synchronized' should be true or false but was 1");
    }

    @Test
    void aHeightBeyondTwoToTheSixtyThreeIsRejected() {
        info(info(5, 0, true, false, 1, 0).replace("\"height\":5", "\"height\":18446744073709551615"));

        assertThat(readFails(source(endpoint()))).hasMessageContaining("'height' should be a non-negative integer");
    }

    @Test
    void hugeConnectionCountsAreCappedInsteadOfOverflowing() {
        info(info(5, 0, true, false, 1, 0).replace("\"outgoing_connections_count\":1",
                "\"outgoing_connections_count\":" + Long.MAX_VALUE).replace("\"incoming_connections_count\":0",
                "\"incoming_connections_count\":" + Long.MAX_VALUE));

        assertThat(source(endpoint()).read().peers()).hasValue(Integer.MAX_VALUE);
    }

    @Test
    void unknownExtraFieldsAreTolerated() {
        info(info(5, 0, true, false, 1, 0).replace("\"target\":120", "\"target\":120,\"future_field\":{\"x\":[1]}"));

        assertThat(source(endpoint()).read().height()).isEqualTo(4);
    }

    @Test
    void itPostsGetInfoToJsonRpcWithTheDocumentedIdZero() {
        info(info(5, 0, true, false, 1, 0));

        source(endpoint()).read();

        node.verify(postRequestedFor(urlEqualTo("/json_rpc"))
                .withRequestBody(matchingJsonPath("$.jsonrpc", equalTo("2.0")))
                .withRequestBody(matchingJsonPath("$.id", equalTo("0")))
                .withRequestBody(matchingJsonPath("$.method", equalTo("get_info"))));
    }
}
