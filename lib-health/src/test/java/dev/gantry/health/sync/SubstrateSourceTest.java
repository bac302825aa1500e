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
 * Answers are shaped after the QuickNode docs of {@code system_health}
 * ({@code {"peers":42,"isSyncing":false,"shouldHavePeers":true}}) and {@code system_syncState}
 * (plain numbers), and the polkadot-sdk PR #4802 transcript of a fresh node
 * ({@code {"peers":0,"isSyncing":false,"shouldHavePeers":false}}), as quoted in
 * research/health.md (a); a missing {@code highestBlock} follows subxt's {@code SyncState}
 * ("Missing if no block is known yet").
 */
class SubstrateSourceTest extends SyncSourceContract {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Override
    SyncSource source(HttpEndpoint endpoint) {
        return SyncSource.substrate(endpoint, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    MappingBuilder everyCall() {
        return post(urlEqualTo("/"));
    }

    private static void answers(String method, String result) {
        node.stubFor(post(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"result\":" + result + ",\"id\":1}")));
    }

    private static void health(String peers, String isSyncing, String shouldHavePeers) {
        answers("system_health", "{\"peers\":" + peers + ",\"isSyncing\":" + isSyncing + ",\"shouldHavePeers\":"
                + shouldHavePeers + "}");
    }

    private static void syncState(String starting, String current, String highest) {
        answers("system_syncState", "{\"startingBlock\":" + starting + ",\"currentBlock\":" + current
                + ",\"highestBlock\":" + highest + "}");
    }

    @Test
    void aSyncedNodeReportsItsHeightPeersAndNoLag() {
        health("42", "false", "true");
        syncState("22963000", "23004417", "23004417");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(23004417L);
        assertThat(status.networkHeight()).hasValue(23004417L);
        assertThat(status.lag()).hasValue(0);
        assertThat(status.syncing()).isFalse();
        assertThat(status.peers()).hasValue(42);
        assertThat(status.observedAt()).isEqualTo(NOW);
        assertThat(status.details()).containsEntry("shouldHavePeers", true).containsEntry("startingBlock", 22963000L);
    }

    @Test
    void aSyncingNodeReportsTheGapToTheHighestBlockAsLag() {
        health("12", "true", "true");
        syncState("0", "1500000", "23004417");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.lag()).hasValue(21504417L);
    }

    @Test
    void aNodeThatFellBehindWithoutSayingItIsSyncingStillShowsTheLag() {
        health("8", "false", "true");
        syncState("23000000", "23004400", "23004417");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isFalse();
        assertThat(status.lag()).hasValue(17);
    }

    @Test
    void aFreshNodeWithoutPeersSaysItIsNotSyncingAndReportsZeroPeers() {
        health("0", "false", "true");
        syncState("0", "0", "0");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).as("Substrate says not syncing without peers").isFalse();
        assertThat(status.peers()).hasValue(0);
    }

    @Test
    void aDevChainThatShouldHaveNoPeersSaysSoInTheDetails() {
        health("0", "false", "false");
        syncState("0", "85", "85");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.peers()).hasValue(0);
        assertThat(status.details()).containsEntry("shouldHavePeers", false);
    }

    @Test
    void anUnknownHighestBlockLeavesTheNetworkHeightUnknown() {
        health("3", "true", "true");
        answers("system_syncState", "{\"startingBlock\":0,\"currentBlock\":10}");

        assertThat(source(endpoint()).read().networkHeight()).isEmpty();
    }

    @Test
    void aHighestBlockBelowTheCurrentOneCountsAsNoLag() {
        health("3", "false", "true");
        syncState("0", "100", "98");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.networkHeight()).hasValue(100);
        assertThat(status.lag()).hasValue(0);
    }

    @Test
    void anRpcErrorObjectFailsTheRead() {
        node.stubFor(everyCall().willReturn(okJson("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,"
                + "\"message\":\"Method not found\"},\"id\":1}")));

        assertThat(readFails(source(endpoint()))).hasMessageContaining("RPC system_health failed with error -32601");
    }

    @Test
    void aNullSyncStateFailsInsteadOfReadingZeros() {
        health("3", "false", "true");
        answers("system_syncState", "null");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("system_syncState: the answer has no 'currentBlock' field");
    }

    @Test
    void hexBlockNumbersAreRejectedBecauseSubstrateDocumentsNumbers() {
        health("3", "false", "true");
        syncState("\"0x0\"", "\"0x64\"", "\"0x64\"");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("system_syncState: 'currentBlock' should be a non-negative integer but was \"0x64\"");
    }

    @Test
    void aSyncingFlagThatIsNotABooleanNamesTheField() {
        health("3", "\"false\"", "true");
        syncState("0", "1", "1");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("system_health: 'isSyncing' should be true or false but was \"false\"");
    }

    @Test
    void aBlockNumberBeyondTwoToTheSixtyThreeIsRejected() {
        health("3", "false", "true");
        syncState("0", "1", "340282366920938463463374607431768211455");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("'highestBlock' should be a non-negative integer");
    }

    @Test
    void aPeerCountBeyondAnIntIsCapped() {
        health("4294967295", "false", "true");
        syncState("0", "1", "1");

        assertThat(source(endpoint()).read().peers()).hasValue(Integer.MAX_VALUE);
    }

    @Test
    void unknownExtraFieldsAreTolerated() {
        answers("system_health", "{\"peers\":5,\"isSyncing\":false,\"shouldHavePeers\":true,\"warpSync\":null}");
        answers("system_syncState", "{\"startingBlock\":1,\"currentBlock\":9,\"highestBlock\":9,\"extra\":{}}");

        assertThat(source(endpoint()).read().height()).isEqualTo(9);
    }

    @Test
    void itSpeaksJsonRpcTwo() {
        health("1", "false", "true");
        syncState("0", "1", "1");

        source(endpoint()).read();

        node.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.jsonrpc", equalTo("2.0")))
                .withRequestBody(matchingJsonPath("$.method", equalTo("system_syncState"))));
    }
}
