package dev.gantry.health.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
 * Answers are shaped after the samples in research/health.md (a): CometBFT {@code /status}
 * (docs.cosmos.network, string heights), the Beacon API {@code /eth/v1/node/syncing}
 * (ethereum/beacon-APIs, string slots), Ethereum {@code eth_blockNumber} (execution-apis, hex
 * QUANTITY), NEAR {@code /status} (docs.near.org, RFC 3339 nanosecond time) and Hathor
 * {@code /v1a/status} (hathor-core, a list of connected peers and epoch-second timestamps).
 */
class JsonSourceTest extends SyncSourceContract {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final JsonSourceSpec COMETBFT = JsonSourceSpec.get("/status")
            .height("/result/sync_info/latest_block_height")
            .withSyncing("/result/sync_info/catching_up")
            .withTipTime("/result/sync_info/latest_block_time");
    private static final String COMETBFT_STATUS = "{\"jsonrpc\":\"2.0\",\"id\":-1,\"result\":{\"node_info\":"
            + "{\"network\":\"cosmoshub-4\",\"version\":\"0.38.12\"},\"sync_info\":{\"latest_block_hash\":"
            + "\"50F03C0EAACA8BCA7F9C14189ACE9C05A9A1BBB5268DB63DC6A3C848D1ECFD27\",\"latest_block_height\":\"1262196\","
            + "\"latest_block_time\":\"2019-08-01T11:52:22.818762194Z\",\"catching_up\":false},"
            + "\"validator_info\":{\"voting_power\":\"0\"}}}";

    @Override
    SyncSource source(HttpEndpoint endpoint) {
        return source(endpoint, COMETBFT);
    }

    private static SyncSource source(HttpEndpoint endpoint, JsonSourceSpec spec) {
        return SyncSource.json(endpoint, spec, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    MappingBuilder everyCall() {
        return any(urlEqualTo("/status"));
    }

    private static void status(String json) {
        node.stubFor(get(urlEqualTo("/status")).willReturn(okJson(json)));
    }

    private SyncStatus read(JsonSourceSpec spec) {
        return source(endpoint(), spec).read();
    }

    @Test
    void aCometBftNodeIsReadWithItsStringHeightFlagAndTipTime() {
        status(COMETBFT_STATUS);

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(1262196L);
        assertThat(status.syncing()).isFalse();
        assertThat(status.tipTime()).contains(Instant.parse("2019-08-01T11:52:22.818762194Z"));
        assertThat(status.networkHeight()).isEmpty();
        assertThat(status.peers()).isEmpty();
        assertThat(status.observedAt()).isEqualTo(NOW);
    }

    @Test
    void aCatchingUpNodeIsSyncing() {
        status(COMETBFT_STATUS.replace("\"catching_up\":false", "\"catching_up\":true"));

        assertThat(source(endpoint()).read().syncing()).isTrue();
    }

    @Test
    void withoutASyncingPointerTheNodeIsReportedAsNotSyncing() {
        status(COMETBFT_STATUS.replace("\"catching_up\":false", "\"catching_up\":true"));

        assertThat(read(JsonSourceSpec.get("/status").height("/result/sync_info/latest_block_height")).syncing())
                .isFalse();
    }

    @Test
    void aBeaconNodeLagsByItsSyncDistance() {
        node.stubFor(get(urlEqualTo("/eth/v1/node/syncing")).willReturn(okJson("{\"data\":{\"head_slot\":\"11579199\","
                + "\"sync_distance\":\"0\",\"is_syncing\":false,\"is_optimistic\":false,\"el_offline\":false}}")));
        JsonSourceSpec beacon = JsonSourceSpec.get("/eth/v1/node/syncing").height("/data/head_slot")
                .withSyncing("/data/is_syncing");

        SyncStatus status = read(beacon);

        assertThat(status.height()).isEqualTo(11579199L);
        assertThat(status.syncing()).isFalse();
    }

    @Test
    void hexQuantitiesAreReadFromAPostedJsonRpcCall() {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_syncing\",\"params\":[]}";
        node.stubFor(post(urlEqualTo("/")).withRequestBody(equalToJson(call)).willReturn(okJson(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"startingBlock\":\"0x0\",\"currentBlock\":\"0x1518\","
                        + "\"highestBlock\":\"0x9567a3\",\"healedTrienodes\":\"0x0\"}}")));
        JsonSourceSpec geth = JsonSourceSpec.post("/", call).height("/result/currentBlock")
                .withNetworkHeight("/result/highestBlock");

        SyncStatus status = read(geth);

        assertThat(status.height()).isEqualTo(0x1518L);
        assertThat(status.networkHeight()).hasValue(0x9567a3L);
        assertThat(status.lag()).hasValue(0x9567a3L - 0x1518L);
        node.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson(call)));
    }

    @Test
    void jsonNumbersPeerListsAndEpochSecondsAreRead() {
        node.stubFor(get(urlEqualTo("/v1a/status")).willReturn(okJson("{\"server\":{\"state\":\"READY\"},"
                + "\"connections\":{\"connected_peers\":[{\"id\":\"a\",\"peer_best_blockchain\":[[4242,\"00ab\"]]},"
                + "{\"id\":\"b\",\"peer_best_blockchain\":[[4243,\"00cd\"]]}]},"
                + "\"dag\":{\"latest_timestamp\":1763891990,\"best_block\":{\"hash\":\"00ab\",\"height\":4242}}}")));
        JsonSourceSpec hathor = JsonSourceSpec.get("/v1a/status").height("/dag/best_block/height")
                .withNetworkHeight("/connections/connected_peers/1/peer_best_blockchain/0/0")
                .withPeers("/connections/connected_peers")
                .withTipTime("/dag/latest_timestamp");

        SyncStatus status = read(hathor);

        assertThat(status.height()).isEqualTo(4242);
        assertThat(status.lag()).hasValue(1);
        assertThat(status.peers()).as("a list of peers counts its elements").hasValue(2);
        assertThat(status.tipTime()).contains(Instant.ofEpochSecond(1763891990));
    }

    @Test
    void peerCountsMayBeNumbersOrStrings() {
        status("{\"height\":7,\"n_peers\":\"12\",\"num_active_peers\":34}");

        assertThat(read(JsonSourceSpec.get("/status").height("/height").withPeers("/n_peers")).peers()).hasValue(12);
        assertThat(read(JsonSourceSpec.get("/status").height("/height").withPeers("/num_active_peers")).peers())
                .hasValue(34);
    }

    @Test
    void theEmptyPointerReadsAnAnswerThatIsABareNumber() {
        status("12345");

        assertThat(read(JsonSourceSpec.get("/status").height("")).height()).isEqualTo(12345);
    }

    @Test
    void escapedPointerTokensReachKeysWithSlashesAndTildes() {
        status("{\"a/b\":{\"~c\":9}}");

        assertThat(read(JsonSourceSpec.get("/status").height("/a~1b/~0c")).height()).isEqualTo(9);
    }

    @Test
    void aPointerThatMatchesNothingSaysWhatTheAnswerHasThere() {
        status(COMETBFT_STATUS);
        JsonSourceSpec typo = JsonSourceSpec.get("/status").height("/result/sync_info/latest_height");

        SyncSourceException error = readFails(source(endpoint(), typo));

        assertThat(error).hasMessageContaining("GET /status: height at \"/result/sync_info/latest_height\" matches nothing")
                .hasMessageContaining("\"/result/sync_info\" is an object with fields [latest_block_hash,"
                        + " latest_block_height, latest_block_time, catching_up]");
    }

    @Test
    void aPointerIntoAValueThatIsNotAnObjectSaysWhatTheValueIs() {
        status("{\"result\":\"starting\"}");

        assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height("/result/height"))))
                .hasMessageContaining("matches nothing: \"/result\" is \"starting\"");
    }

    @Test
    void aPointerMissingFromTheTopNamesTheTopLevelFields() {
        status("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}");

        assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height("/result"))))
                .hasMessageContaining("the answer is an object with fields [jsonrpc, error, id]");
    }

    @Test
    void aNullValueFailsInsteadOfReadingZero() {
        status("{\"height\":null}");

        assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height("/height"))))
                .hasMessageContaining("height at \"/height\" is null");
    }

    @Test
    void aHeightThatIsNoIntegerNamesThePointerAndTheValue() {
        status("{\"height\":\"12.5\",\"f\":12.5,\"neg\":-3,\"hex\":\"0xZZ\",\"flag\":true}");

        for (String pointer : new String[] {"/height", "/f", "/neg", "/hex", "/flag"}) {
            assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height(pointer))))
                    .hasMessageContaining("GET /status: height at \"" + pointer + "\" should be a non-negative integer");
        }
    }

    @Test
    void valuesBeyondTwoToTheSixtyThreeAreRejectedInEveryEncoding() {
        status("{\"number\":9223372036854775808,\"decimal\":\"9223372036854775808\",\"hex\":\"0x8000000000000000\"}");

        for (String pointer : new String[] {"/number", "/decimal", "/hex"}) {
            assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height(pointer))))
                    .hasMessageContaining("below 2^63");
        }
    }

    @Test
    void theLargestLongIsReadInEveryEncoding() {
        status("{\"number\":9223372036854775807,\"decimal\":\"9223372036854775807\",\"hex\":\"0x7fffffffffffffff\"}");

        for (String pointer : new String[] {"/number", "/decimal", "/hex"}) {
            assertThat(read(JsonSourceSpec.get("/status").height(pointer)).height()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void aSyncingFlagThatIsNotABooleanFails() {
        status("{\"height\":1,\"syncing\":\"false\"}");

        assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height("/height").withSyncing("/syncing"))))
                .hasMessageContaining("syncing at \"/syncing\" should be true or false but was \"false\"");
    }

    @Test
    void aPeerCountBeyondAnIntFailsBecauseThePointerIsProbablyWrong() {
        status("{\"height\":1,\"bytes\":5000000000}");

        assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height("/height").withPeers("/bytes"))))
                .hasMessageContaining("peer count below 2^31");
    }

    @Test
    void aTipTimeInMillisecondsIsRejected() {
        status("{\"height\":1,\"time\":1763891990000}");

        assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height("/height").withTipTime("/time"))))
                .hasMessageContaining("seconds since the epoch (not milliseconds)");
    }

    @Test
    void aTipTimeThatIsNotATimeFails() {
        status("{\"height\":1,\"time\":\"2019-08-01T25:00:00Z\"}");

        assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height("/height").withTipTime("/time"))))
                .hasMessageContaining("should be an RFC 3339 time");
    }

    @Test
    void anErrorStatusFailsEvenWithAJsonBody() {
        node.stubFor(get(urlEqualTo("/status")).willReturn(okJson("{\"height\":5}").withStatus(503)));

        assertThat(readFails(source(endpoint(), JsonSourceSpec.get("/status").height("/height"))))
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void unknownExtraFieldsAreTolerated() {
        status(COMETBFT_STATUS.replace("\"catching_up\":false", "\"catching_up\":false,\"new\":{\"x\":[1,2]}"));

        assertThat(source(endpoint()).read().height()).isEqualTo(1262196L);
    }

    @Test
    void theNameSaysTheUrlOfTheCall() {
        assertThat(source(endpoint()).name()).isEqualTo("json " + node.baseUrl() + "/status");
    }
}
