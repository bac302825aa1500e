package dev.gantry.health.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

/** Answers are shaped after Bitcoin Core's getblockchaininfo docs and litecoind 0.21.2 regtest output. */
class BitcoinSourceTest extends SyncSourceContract {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Override
    SyncSource source(HttpEndpoint endpoint) {
        return SyncSource.bitcoin(endpoint, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    MappingBuilder everyCall() {
        return post(urlEqualTo("/"));
    }

    private static void answers(String method, ResponseDefinitionBuilder answer) {
        node.stubFor(post(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                .willReturn(answer));
    }

    private static void chain(int blocks, int headers, boolean ibd, int connections) {
        answers("getblockchaininfo", okJson("{\"result\":{\"chain\":\"regtest\",\"blocks\":" + blocks
                + ",\"headers\":" + headers + ",\"bestblockhash\":\"0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206\""
                + ",\"difficulty\":4.656542373906925e-10,\"mediantime\":1763900000,\"verificationprogress\":1"
                + ",\"initialblockdownload\":" + ibd + ",\"chainwork\":\"0000000000000000000000000000000000000000000000000000000000000fa2\""
                + ",\"size_on_disk\":600000,\"pruned\":false,\"warnings\":\"\"},\"error\":null,\"id\":1}"));
        answers("getnetworkinfo", okJson("{\"result\":{\"version\":210201,\"subversion\":\"/LitecoinCore:0.21.2.1/\""
                + ",\"connections\":" + connections + ",\"networkactive\":true},\"error\":null,\"id\":2}"));
    }

    @Test
    void aSyncedNodeReportsItsHeightPeersAndNoLag() {
        chain(2000, 2000, false, 8);

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(2000);
        assertThat(status.networkHeight()).hasValue(2000);
        assertThat(status.lag()).hasValue(0);
        assertThat(status.syncing()).isFalse();
        assertThat(status.peers()).hasValue(8);
        assertThat(status.observedAt()).isEqualTo(NOW);
        assertThat(status.tipTime()).isEmpty();
    }

    @Test
    void aNodeInInitialBlockDownloadIsSyncingWithTheHeaderGapAsLag() {
        chain(111, 2000, true, 1);

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.lag()).hasValue(1889);
        assertThat(status.details()).containsEntry("headers", 2000L).containsEntry("initialblockdownload", true);
    }

    @Test
    void aNodeThatFellBehindAfterItsFirstSyncShowsLagEvenThoughIbdLatchedToFalse() {
        chain(1995, 2000, false, 3);

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).as("initialblockdownload latches to false").isFalse();
        assertThat(status.lag()).hasValue(5);
    }

    @Test
    void aNodeWithoutPeersReportsZeroPeers() {
        chain(2000, 2000, false, 0);

        assertThat(source(endpoint()).read().peers()).hasValue(0);
    }

    @Test
    void theTipTimeIsReadWhenTheNodeReportsIt() {
        answers("getblockchaininfo", okJson("{\"result\":{\"blocks\":10,\"headers\":10,\"initialblockdownload\":false,"
                + "\"time\":1763900000},\"error\":null,\"id\":1}"));
        answers("getnetworkinfo", okJson("{\"result\":{\"connections\":2},\"error\":null,\"id\":2}"));

        assertThat(source(endpoint()).read().tipTime()).contains(Instant.ofEpochSecond(1763900000));
    }

    @Test
    void anRpcErrorObjectWinsOverItsHttp500() {
        answers("getblockchaininfo", aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"result\":null,\"error\":{\"code\":-28,\"message\":\"Loading block index...\"},\"id\":1}"));

        SyncSourceException error = readFails(source(endpoint()));

        assertThat(error).hasMessageContaining("RPC getblockchaininfo failed with error -28: Loading block index...");
    }

    @Test
    void anUnknownMethodAnswersWithItsJsonError() {
        node.stubFor(everyCall().willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":3}")));

        assertThat(readFails(source(endpoint()))).hasMessageContaining("-32601: Method not found");
    }

    @Test
    void aHeightThatIsNotANumberNamesTheField() {
        answers("getblockchaininfo", okJson("{\"result\":{\"blocks\":\"abc\",\"headers\":10,"
                + "\"initialblockdownload\":false},\"error\":null,\"id\":1}"));
        answers("getnetworkinfo", okJson("{\"result\":{\"connections\":2},\"error\":null,\"id\":2}"));

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("getblockchaininfo: 'blocks' should be a non-negative integer but was \"abc\"");
    }

    @Test
    void aNegativeHeightIsRejected() {
        chain(-1, 10, false, 1);

        assertThat(readFails(source(endpoint()))).hasMessageContaining("'blocks' should be a non-negative integer");
    }

    @Test
    void itSpeaksJsonRpcOneWithBasicAuth() {
        chain(1, 1, false, 1);

        source(endpoint()).read();

        node.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", equalTo("Basic cnBjOmh1bnRlcjItZG8tbm90LXByaW50"))
                .withRequestBody(matchingJsonPath("$.jsonrpc", equalTo("1.0")))
                .withRequestBody(matchingJsonPath("$.method", equalTo("getblockchaininfo"))));
    }
}
