package dev.gantry.health.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
 * Answers are shaped after the {@code /status} and {@code /net_info} samples of the CometBFT v0.38
 * RPC reference (docs.cosmos.network/cometbft/v0.38/api-reference/rpc/info/status), whose
 * {@code sync_info} matches the one quoted in health.md; the error after CometBFT's
 * {@code RPCInternalError} envelope.
 */
class CometBftSourceTest extends SyncSourceContract {

    private static final Instant NOW = Instant.parse("2019-08-01T11:52:30Z");
    private static final String TIP = "2019-08-01T11:52:22.818762194Z";

    @Override
    SyncSource source(HttpEndpoint endpoint) {
        return SyncSource.cometbft(endpoint, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    MappingBuilder everyCall() {
        return any(anyUrl());
    }

    private static void answers(String path, ResponseDefinitionBuilder answer) {
        node.stubFor(get(urlEqualTo(path)).willReturn(answer));
    }

    private static String statusResult(String height, String catchingUp, String time) {
        return "{\"node_info\":{\"protocol_version\":{\"p2p\":\"8\",\"block\":\"11\",\"app\":\"0\"},"
                + "\"id\":\"5576458aef205977e18fd50b274e9b5d9014525a\",\"listen_addr\":\"tcp://0.0.0.0:26656\","
                + "\"network\":\"cosmoshub-2\",\"version\":\"0.38.12\",\"channels\":\"4020212223303800\","
                + "\"moniker\":\"moniker-node\",\"other\":{\"tx_index\":\"on\",\"rpc_address\":\"tcp:0.0.0.0:26657\"}},"
                + "\"sync_info\":{\"latest_block_hash\":\"790BA84C3545FCCC49A5C629CEE6EA58A6E875C3862175BDC11EE7AF54703501\","
                + "\"latest_app_hash\":\"C9AEBB441B787D9F1D846DE51F3826F4FD386108B59B08239653ABF59455C3F8\","
                + "\"latest_block_height\":" + height + ",\"latest_block_time\":" + time + ","
                + "\"earliest_block_hash\":\"790BA84C3545FCCC49A5C629CEE6EA58A6E875C3862175BDC11EE7AF54703501\","
                + "\"earliest_app_hash\":\"C9AEBB441B787D9F1D846DE51F3826F4FD386108B59B08239653ABF59455C3F8\","
                + "\"earliest_block_height\":\"1262196\",\"earliest_block_time\":\"2019-08-01T11:52:22.818762194Z\","
                + "\"catching_up\":" + catchingUp + "},"
                + "\"validator_info\":{\"address\":\"5D6A51A8E9899C44079C6AF90618BA0369070E6E\","
                + "\"pub_key\":{\"type\":\"tendermint/PubKeyEd25519\",\"value\":\"A6DoBUypNtUAyEHWtQ9bFjfNg8Bo9CrnkUGl6k6OHN4=\"},"
                + "\"voting_power\":\"0\"}}";
    }

    private static String netInfoResult(String peers) {
        return "{\"listening\":true,\"listeners\":[\"Listener(@)\"],\"n_peers\":" + peers + ",\"peers\":[]}";
    }

    private static String wrapped(String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":-1,\"result\":" + result + "}";
    }

    private static void node(String height, String catchingUp, String time, String peers) {
        answers("/status", okJson(wrapped(statusResult(height, catchingUp, time))));
        answers("/net_info", okJson(wrapped(netInfoResult(peers))));
    }

    @Test
    void aSyncedNodeReportsItsStringHeightTipTimeAndPeers() {
        node("\"1262196\"", "false", "\"" + TIP + "\"", "\"12\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(1262196);
        assertThat(status.syncing()).isFalse();
        assertThat(status.tipTime()).contains(Instant.parse(TIP));
        assertThat(status.peers()).hasValue(12);
        assertThat(status.networkHeight()).isEmpty();
        assertThat(status.observedAt()).isEqualTo(NOW);
        assertThat(status.details()).containsEntry("catching_up", false).containsEntry("network", "cosmoshub-2");
    }

    @Test
    void theBareResultWithoutTheJsonRpcEnvelopeIsReadToo() {
        answers("/status", okJson(statusResult("\"1262196\"", "false", "\"" + TIP + "\"")));
        answers("/net_info", okJson(netInfoResult("\"7\"")));

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(1262196);
        assertThat(status.peers()).hasValue(7);
    }

    @Test
    void aCatchingUpNodeIsSyncing() {
        node("\"1000\"", "true", "\"2019-07-01T00:00:00Z\"", "\"5\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.details()).containsEntry("catching_up", true);
    }

    @Test
    void aStuckNodeSaysItIsNotCatchingUpButShowsItsOldTip() {
        node("\"1262196\"", "false", "\"2019-07-31T09:00:00Z\"", "\"12\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).as("catching_up stays false when stuck (tendermint#7141)").isFalse();
        assertThat(status.tipTime()).contains(Instant.parse("2019-07-31T09:00:00Z"));
    }

    @Test
    void aNodeWithoutBlocksHasNoTipTimeInsteadOfGosZeroTime() {
        node("\"0\"", "true", "\"0001-01-01T00:00:00Z\"", "\"3\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isZero();
        assertThat(status.tipTime()).isEmpty();
    }

    @Test
    void aNodeWithoutPeersReportsZeroPeers() {
        node("\"1262196\"", "false", "\"" + TIP + "\"", "\"0\"");

        assertThat(source(endpoint()).read().peers()).hasValue(0);
    }

    @Test
    void aJsonRpcErrorWinsOverItsHttp500() {
        answers("/status", aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"jsonrpc\":\"2.0\",\"id\":-1,\"error\":{\"code\":-32603,\"message\":\"Internal error\","
                        + "\"data\":\"failed to load state at height 1262197\"}}"));

        assertThat(readFails(source(endpoint()))).hasMessageContaining(
                "GET /status failed with HTTP 500 and error -32603: Internal error (failed to load state at height 1262197)");
    }

    @Test
    void aJsonRpcErrorWithHttp200StillFails() {
        node("\"1262196\"", "false", "\"" + TIP + "\"", "\"12\"");
        answers("/net_info", okJson("{\"jsonrpc\":\"2.0\",\"id\":-1,\"error\":{\"code\":-32601,"
                + "\"message\":\"Method not found\"}}"));

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("GET /net_info failed and error -32601: Method not found");
    }

    @Test
    void aProxysJsonErrorOnHttp503IsQuoted() {
        answers("/status", aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":503,\"message\":\"upstream node unavailable\"}"));

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("GET /status failed with HTTP 503: upstream node unavailable");
    }

    @Test
    void aHeightSentAsAJsonNumberIsAcceptedAsOlderTendermintSentIt() {
        node("1262196", "false", "\"" + TIP + "\"", "12");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(1262196);
        assertThat(status.peers()).hasValue(12);
    }

    @Test
    void aCatchingUpFlagSentAsAStringIsRejected() {
        node("\"1262196\"", "\"false\"", "\"" + TIP + "\"", "\"12\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("GET /status sync_info: 'catching_up' should be true or false but was \"false\"");
    }

    @Test
    void aNegativeHeightIsRejected() {
        node("\"-5\"", "false", "\"" + TIP + "\"", "\"12\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("'latest_block_height' should be a non-negative decimal integer string but was \"-5\"");
    }

    @Test
    void aHeightOfTwoToTheSixtyThreeOrMoreIsRejected() {
        node("\"9223372036854775808\"", "false", "\"" + TIP + "\"", "\"12\"");
        assertThat(readFails(source(endpoint()))).hasMessageContaining("'latest_block_height' should be a value below 2^63");

        node("\"18446744073709551616\"", "false", "\"" + TIP + "\"", "\"12\"");
        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("'latest_block_height' should be a non-negative decimal integer string");
    }

    @Test
    void aPeerCountThatIsNotANumberIsRejected() {
        node("\"1262196\"", "false", "\"" + TIP + "\"", "true");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("GET /net_info: 'n_peers' should be a non-negative decimal integer string but was true");
    }

    @Test
    void aTipTimeThatIsNotRfc3339IsRejected() {
        node("\"1262196\"", "false", "\"yesterday\"", "\"12\"");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("'latest_block_time' should be an RFC 3339 time");
    }

    @Test
    void aResultWithoutSyncInfoSaysWhatIsMissing() {
        answers("/status", okJson(wrapped("{\"node_info\":{}}")));
        answers("/net_info", okJson(wrapped(netInfoResult("\"1\""))));

        assertThat(readFails(source(endpoint()))).hasMessageContaining("GET /status: the answer has no 'sync_info' field");
    }

    @Test
    void unknownFieldsAreIgnored() {
        answers("/status", okJson(wrapped("{\"sync_info\":{\"latest_block_height\":\"9\",\"catching_up\":false,"
                + "\"brand_new\":{\"a\":1}},\"extra\":[1]}")));
        answers("/net_info", okJson(wrapped("{\"n_peers\":\"2\",\"whatever\":null}")));

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(9);
        assertThat(status.tipTime()).isEmpty();
    }

    @Test
    void itGetsStatusAndNetInfoWithTheCredentials() {
        node("\"1\"", "false", "\"" + TIP + "\"", "\"1\"");

        source(endpoint()).read();

        for (String path : new String[] {"/status", "/net_info"}) {
            node.verify(getRequestedFor(urlEqualTo(path))
                    .withHeader("Authorization", equalTo("Basic cnBjOmh1bnRlcjItZG8tbm90LXByaW50"))
                    .withHeader("Accept", equalTo("application/json")));
        }
    }
}
