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
 * Answers are shaped after the Beacon API spec (ethereum.github.io/beacon-APIs, {@code getSyncingStatus}
 * and {@code getPeerCount} examples) and the syncing sample quoted in health.md; errors after its
 * {@code {"code":…,"message":…}} error schema.
 */
class BeaconSourceTest extends SyncSourceContract {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SYNCING = "/eth/v1/node/syncing";
    private static final String PEERS = "/eth/v1/node/peer_count";

    @Override
    SyncSource source(HttpEndpoint endpoint) {
        return SyncSource.beacon(endpoint, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    MappingBuilder everyCall() {
        return any(anyUrl());
    }

    private static void answers(String path, ResponseDefinitionBuilder answer) {
        node.stubFor(get(urlEqualTo(path)).willReturn(answer));
    }

    private static void syncing(String data) {
        answers(SYNCING, okJson("{\"data\":" + data + "}"));
    }

    private static void syncing(String headSlot, String distance, String isSyncing, String optimistic,
            String elOffline) {
        syncing("{\"head_slot\":" + headSlot + ",\"sync_distance\":" + distance + ",\"is_syncing\":" + isSyncing
                + ",\"is_optimistic\":" + optimistic + ",\"el_offline\":" + elOffline + "}");
    }

    private static void peers(String connected) {
        answers(PEERS, okJson("{\"data\":{\"disconnected\":\"12\",\"connecting\":\"34\",\"connected\":" + connected
                + ",\"disconnecting\":\"5\"},\"meta\":{\"count\":1}}"));
    }

    @Test
    void aSyncedNodeReportsItsHeadSlotAndTheCurrentSlotAsNetworkHeight() {
        syncing("\"11579199\"", "\"0\"", "false", "false", "false");
        peers("\"56\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(11579199);
        assertThat(status.networkHeight()).hasValue(11579199);
        assertThat(status.lag()).hasValue(0);
        assertThat(status.syncing()).isFalse();
        assertThat(status.peers()).hasValue(56);
        assertThat(status.observedAt()).isEqualTo(NOW);
        assertThat(status.details()).containsEntry("is_syncing", false).containsEntry("sync_distance", 0L)
                .containsEntry("is_optimistic", false).containsEntry("el_offline", false);
    }

    @Test
    void aSyncingNodeShowsTheSyncDistanceAsLag() {
        syncing("\"11570000\"", "\"9199\"", "true", "false", "false");
        peers("\"40\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.networkHeight()).hasValue(11579199);
        assertThat(status.lag()).hasValue(9199);
    }

    @Test
    void aNodeThatSaysItIsNotSyncingButLagsShowsTheLag() {
        syncing("\"11579194\"", "\"5\"", "false", "false", "false");
        peers("\"56\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isFalse();
        assertThat(status.lag()).hasValue(5);
    }

    @Test
    void anOptimisticHeadCountsAsSyncing() {
        syncing("\"11579199\"", "\"0\"", "false", "true", "false");
        peers("\"56\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.details()).containsEntry("is_syncing", false).containsEntry("is_optimistic", true);
    }

    @Test
    void anOfflineExecutionClientCountsAsSyncing() {
        syncing("\"11579199\"", "\"0\"", "false", "false", "true");
        peers("\"56\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.details()).containsEntry("el_offline", true);
    }

    @Test
    void anOlderNodeWithoutTheOptimisticAndElOfflineFlagsIsRead() {
        syncing("{\"head_slot\":\"100\",\"sync_distance\":\"1\",\"is_syncing\":false}");
        peers("\"3\"");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isFalse();
        assertThat(status.details()).doesNotContainKeys("is_optimistic", "el_offline");
    }

    @Test
    void aNodeWithoutPeersReportsZeroPeers() {
        syncing("\"11579199\"", "\"0\"", "false", "false", "false");
        peers("\"0\"");

        assertThat(source(endpoint()).read().peers()).hasValue(0);
    }

    @Test
    void aRestErrorOnHttp500IsQuoted() {
        answers(SYNCING, aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":500,\"message\":\"Internal server error\",\"stacktraces\":[]}"));

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("GET /eth/v1/node/syncing failed with HTTP 500: Internal server error");
    }

    @Test
    void aRestErrorOnHttp503IsQuoted() {
        syncing("\"11579199\"", "\"0\"", "false", "false", "false");
        answers(PEERS, aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":503,\"message\":\"Beacon node is currently syncing and not serving request on that endpoint\"}"));

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("GET /eth/v1/node/peer_count failed with HTTP 503: Beacon node is currently syncing");
    }

    @Test
    void aNotFoundWithoutAMessageExplainsTheStatus() {
        answers(SYNCING, aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":404}"));

        assertThat(readFails(source(endpoint()))).hasMessageContaining("HTTP 404: no such path or method");
    }

    @Test
    void aHeadSlotSentAsAJsonNumberIsAccepted() {
        syncing("11579199", "0", "false", "false", "false");
        peers("56");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(11579199);
        assertThat(status.peers()).hasValue(56);
    }

    @Test
    void aSyncingFlagSentAsAStringIsRejected() {
        syncing("\"11579199\"", "\"0\"", "\"false\"", "false", "false");
        peers("\"56\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("GET /eth/v1/node/syncing: 'is_syncing' should be true or false but was \"false\"");
    }

    @Test
    void anOptimisticFlagOfTheWrongTypeIsRejected() {
        syncing("\"11579199\"", "\"0\"", "false", "\"no\"", "false");
        peers("\"56\"");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("'is_optimistic' should be true or false");
    }

    @Test
    void aNegativeHeadSlotIsRejected() {
        syncing("\"-1\"", "\"0\"", "false", "false", "false");
        peers("\"56\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("'head_slot' should be a non-negative decimal integer string but was \"-1\"");
    }

    @Test
    void aHugeSyncDistanceIsRejected() {
        syncing("\"1\"", "\"18446744073709551615\"", "true", "false", "false");
        peers("\"56\"");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("'sync_distance' should be");
    }

    @Test
    void aNetworkHeightBeyondTwoToTheSixtyThreeIsRejected() {
        syncing("\"9223372036854775807\"", "\"1\"", "true", "false", "false");
        peers("\"56\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("head_slot 9223372036854775807 + sync_distance 1 is beyond 2^63");
    }

    @Test
    void aConnectedCountThatIsNotANumberIsRejected() {
        syncing("\"11579199\"", "\"0\"", "false", "false", "false");
        peers("\"many\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("GET /eth/v1/node/peer_count: 'connected' should be a non-negative decimal");
    }

    @Test
    void anAnswerWithoutDataSaysWhatIsMissing() {
        answers(SYNCING, okJson("{\"head_slot\":\"1\"}"));
        peers("\"56\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("GET /eth/v1/node/syncing: the answer has no 'data' field");
    }

    @Test
    void unknownFieldsAreIgnored() {
        syncing("{\"head_slot\":\"7\",\"sync_distance\":\"0\",\"is_syncing\":false,\"future_flag\":true}");
        answers(PEERS, okJson("{\"data\":{\"connected\":\"2\",\"new\":[]},\"execution_optimistic\":false}"));

        assertThat(source(endpoint()).read().height()).isEqualTo(7);
    }

    @Test
    void itGetsBothEndpointsAskingForJson() {
        syncing("\"1\"", "\"0\"", "false", "false", "false");
        peers("\"1\"");

        source(endpoint()).read();

        for (String path : new String[] {SYNCING, PEERS}) {
            node.verify(getRequestedFor(urlEqualTo(path)).withHeader("Accept", equalTo("application/json")));
        }
    }
}
