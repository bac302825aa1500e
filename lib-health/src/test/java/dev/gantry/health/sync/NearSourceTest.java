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
 * Answers are shaped after the {@code status} sample at docs.near.org/api/rpc/network (nearcore
 * 2.4.0-rc.1, testnet) and the {@code network_info} sample at docs.blockpi.io; the error after
 * nearcore's {@code RpcError} with {@code name}, {@code cause} and {@code data}.
 */
class NearSourceTest extends SyncSourceContract {

    private static final Instant NOW = Instant.parse("2025-02-12T22:10:20Z");
    private static final String TIP = "2025-02-12T22:10:10.530341781Z";

    @Override
    SyncSource source(HttpEndpoint endpoint) {
        return SyncSource.near(endpoint, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    MappingBuilder everyCall() {
        return post(urlEqualTo("/"));
    }

    private static void answers(String method, ResponseDefinitionBuilder answer) {
        node.stubFor(post(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                .willReturn(answer));
    }

    private static void status(String height, String syncing, String time) {
        answers("status", okJson("{\"jsonrpc\":\"2.0\",\"result\":{\"chain_id\":\"testnet\",\"protocol_version\":73,"
                + "\"latest_protocol_version\":73,\"rpc_addr\":\"0.0.0.0:3030\",\"sync_info\":{"
                + "\"earliest_block_hash\":\"7v8Nh4qk9XUKNXgYp5bkTBoHQXJgHfsUyVUHfbwEJKQG\","
                + "\"earliest_block_height\":187251995,\"earliest_block_time\":\"2025-02-10T13:20:30.123456789Z\","
                + "\"epoch_id\":\"94jeudySZcxGBSVgKXn3xVT1LBkMCZ5S6KhgxKLhuJT4\",\"epoch_start_height\":187443633,"
                + "\"latest_block_hash\":\"EfL8Rc1EjdN8y2CdXdPgudrHyEAWs5pDDmrEdADSaMwt\","
                + "\"latest_block_height\":" + height + ",\"latest_block_time\":" + time + ","
                + "\"latest_state_root\":\"3Vpebx4bJ4XPd4sNEx8yUPDX2XnDCBjHbFn3XyqARpCq\",\"syncing\":" + syncing + "},"
                + "\"uptime_sec\":6020117,\"validators\":[],"
                + "\"version\":{\"build\":\"2.4.0-rc.1\",\"rustc_version\":\"1.82.0\",\"version\":\"2.4.0-rc.1\"}},"
                + "\"id\":\"dontcare\"}"));
    }

    private static void peers(String count) {
        answers("network_info", okJson("{\"jsonrpc\":\"2.0\",\"result\":{\"active_peers\":[{\"id\":"
                + "\"ed25519:7ZRCyTZsSUPsNMA5iBh8pfeBH7wkxfnVSmWwbH4DMzHC\",\"addr\":\"34.100.1.2:24567\","
                + "\"account_id\":null}],\"num_active_peers\":" + count + ",\"peer_max_count\":40,"
                + "\"sent_bytes_per_sec\":16318,\"received_bytes_per_sec\":2342123,\"known_producers\":[]},"
                + "\"id\":\"dontcare\"}"));
    }

    @Test
    void aSyncedNodeReportsHeightTipTimeWithNanosecondsAndPeers() {
        status("187456272", "false", "\"" + TIP + "\"");
        peers("34");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(187456272);
        assertThat(status.syncing()).isFalse();
        assertThat(status.tipTime()).contains(Instant.parse(TIP));
        assertThat(status.tipTime().orElseThrow().getNano()).isEqualTo(530341781);
        assertThat(status.peers()).hasValue(34);
        assertThat(status.observedAt()).isEqualTo(NOW);
        assertThat(status.details()).containsEntry("chain_id", "testnet");
    }

    @Test
    void statusHasNoNetworkHeightSoTheLagIsUnknown() {
        status("187456272", "false", "\"" + TIP + "\"");
        peers("34");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.networkHeight()).isEmpty();
        assertThat(status.lag()).isEmpty();
    }

    @Test
    void aSyncingNodeSaysSo() {
        status("187000000", "true", "\"2025-02-11T08:00:00.000000001Z\"");
        peers("12");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.height()).isEqualTo(187000000);
    }

    @Test
    void aStuckNodeThatSaysItIsNotSyncingShowsItsOldTip() {
        status("187456272", "false", "\"2025-02-12T20:00:00Z\"");
        peers("34");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isFalse();
        assertThat(status.tipTime()).contains(Instant.parse("2025-02-12T20:00:00Z"));
    }

    @Test
    void aNodeWithoutPeersReportsZeroPeers() {
        status("187456272", "false", "\"" + TIP + "\"");
        peers("0");

        assertThat(source(endpoint()).read().peers()).hasValue(0);
    }

    @Test
    void aNodeWithoutATipTimeHasNone() {
        status("187456272", "false", "null");
        peers("3");

        assertThat(source(endpoint()).read().tipTime()).isEmpty();
    }

    @Test
    void aJsonRpcErrorFailsWithItsCodeAndMessage() {
        answers("status", okJson("{\"jsonrpc\":\"2.0\",\"error\":{\"name\":\"HANDLER_ERROR\",\"cause\":{"
                + "\"name\":\"NODE_IS_SYNCING\",\"info\":{}},\"code\":-32000,\"message\":\"Server error\","
                + "\"data\":\"Node is syncing\"},\"id\":\"dontcare\"}"));
        peers("3");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("RPC status failed with error -32000: Server error");
    }

    @Test
    void aJsonRpcErrorWinsOverItsHttp500() {
        answers("network_info", aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Internal error\"},\"id\":2}"));
        status("187456272", "false", "\"" + TIP + "\"");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("RPC network_info failed with error -32603");
    }

    @Test
    void aHeightSentAsAStringIsRejected() {
        status("\"187456272\"", "false", "\"" + TIP + "\"");
        peers("34");

        assertThat(readFails(source(endpoint()))).hasMessageContaining(
                "status sync_info: 'latest_block_height' should be a non-negative integer but was \"187456272\"");
    }

    @Test
    void aHeightAboveTwoToTheSixtyThreeIsRejected() {
        status("18446744073709551616", "false", "\"" + TIP + "\"");
        peers("34");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("'latest_block_height' should be a non-negative integer but was 18446744073709551616");
    }

    @Test
    void aNegativeHeightIsRejected() {
        status("-1", "false", "\"" + TIP + "\"");
        peers("34");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("'latest_block_height' should be a non-negative");
    }

    @Test
    void aSyncingFlagSentAsAStringIsRejected() {
        status("187456272", "\"false\"", "\"" + TIP + "\"");
        peers("34");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("'syncing' should be true or false but was \"false\"");
    }

    @Test
    void aTipTimeThatIsNotATimeStringIsRejected() {
        status("187456272", "false", "1739398210");
        peers("34");
        assertThat(readFails(source(endpoint()))).hasMessageContaining("'latest_block_time' should be an RFC 3339 time");

        status("187456272", "false", "{\"secs\":1739398210}");
        assertThat(readFails(source(endpoint()))).hasMessageContaining("'latest_block_time' should be an RFC 3339 time");
    }

    @Test
    void aPeerCountSentAsAStringIsRejected() {
        status("187456272", "false", "\"" + TIP + "\"");
        peers("\"34\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("network_info: 'num_active_peers' should be a non-negative integer");
    }

    @Test
    void aStatusWithoutSyncInfoSaysWhatIsMissing() {
        answers("status", okJson("{\"jsonrpc\":\"2.0\",\"result\":{\"chain_id\":\"testnet\"},\"id\":1}"));
        peers("34");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("status: the answer has no 'sync_info' field");
    }

    @Test
    void unknownFieldsAreIgnored() {
        answers("status", okJson("{\"jsonrpc\":\"2.0\",\"result\":{\"future\":{\"x\":[1,2]},\"sync_info\":{"
                + "\"latest_block_height\":5,\"syncing\":false,\"latest_block_time\":\"" + TIP + "\","
                + "\"something_new\":\"0x1\"}},\"id\":1}"));
        peers("2");

        assertThat(source(endpoint()).read().height()).isEqualTo(5);
    }

    @Test
    void itCallsStatusAndNetworkInfoOverJsonRpcTwoWithEmptyParams() {
        status("1", "false", "\"" + TIP + "\"");
        peers("1");

        source(endpoint()).read();

        for (String method : new String[] {"status", "network_info"}) {
            node.verify(postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(matchingJsonPath("$.jsonrpc", equalTo("2.0")))
                    .withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                    .withRequestBody(matchingJsonPath("$.params", equalToJson("[]"))));
        }
    }
}
