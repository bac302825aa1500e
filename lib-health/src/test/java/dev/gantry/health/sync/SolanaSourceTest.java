package dev.gantry.health.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
 * Answers are shaped after solana.com/docs/rpc/http/gethealth and getslot, and the
 * {@code NodeUnhealthy} error of agave {@code rpc-client-api/src/custom_error.rs}
 * ({@code "Node is behind by {n} slots"} / {@code "Node is unhealthy"} with
 * {@code data.numSlotsBehind}), as quoted in research/health.md (a).
 */
class SolanaSourceTest extends SyncSourceContract {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String OK = "{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":1}";

    @Override
    SyncSource source(HttpEndpoint endpoint) {
        return SyncSource.solana(endpoint, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    MappingBuilder everyCall() {
        return post(urlEqualTo("/"));
    }

    private static void answers(String method, String json) {
        node.stubFor(post(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                .willReturn(okJson(json)));
    }

    private static void slot(String value) {
        answers("getSlot", "{\"jsonrpc\":\"2.0\",\"result\":" + value + ",\"id\":2}");
    }

    private static void unhealthy(String message, String numSlotsBehind) {
        answers("getHealth", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32005,\"message\":\"" + message + "\","
                + "\"data\":{\"numSlotsBehind\":" + numSlotsBehind + "}},\"id\":1}");
    }

    @Test
    void aHealthyNodeIsNotSyncingAndReportsItsConfirmedSlot() {
        answers("getHealth", OK);
        slot("318476542");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.height()).isEqualTo(318476542L);
        assertThat(status.syncing()).isFalse();
        assertThat(status.networkHeight()).as("ok only means within the health-check distance").isEmpty();
        assertThat(status.peers()).isEmpty();
        assertThat(status.details()).containsEntry("health", "ok");
        assertThat(status.observedAt()).isEqualTo(NOW);
    }

    @Test
    void aNodeBehindIsSyncingWithTheSlotsBehindAsLag() {
        unhealthy("Node is behind by 42 slots", "42");
        slot("318476500");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.networkHeight()).hasValue(318476542L);
        assertThat(status.lag()).hasValue(42);
        assertThat(status.details()).containsEntry("health", "behind").containsEntry("numSlotsBehind", 42L);
    }

    @Test
    void aNodeThatCannotTellHowFarBehindItIsIsSyncingWithUnknownLag() {
        unhealthy("Node is unhealthy", "null");
        slot("7");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.lag()).isEmpty();
        assertThat(status.details()).containsEntry("health", "unknown");
    }

    @Test
    void anUnhealthyErrorWithoutDataIsReadAsUnknown() {
        answers("getHealth", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32005,\"message\":\"Node is unhealthy\"},\"id\":1}");
        slot("7");

        SyncStatus status = source(endpoint()).read();

        assertThat(status.syncing()).isTrue();
        assertThat(status.details()).containsEntry("health", "unknown");
    }

    @Test
    void otherRpcErrorsOfGetHealthFailTheRead() {
        answers("getHealth", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}");
        slot("7");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("RPC getHealth failed with error -32601: Method not found");
    }

    @Test
    void anErrorOfGetSlotFailsTheRead() {
        answers("getHealth", OK);
        answers("getSlot", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Internal error\"},\"id\":2}");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("RPC getSlot failed with error -32603");
    }

    @Test
    void aHealthAnswerOtherThanOkFails() {
        answers("getHealth", "{\"jsonrpc\":\"2.0\",\"result\":\"behind\",\"id\":1}");
        slot("7");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("getHealth should answer \"ok\"")
                .hasMessageContaining("\"behind\"");
    }

    @Test
    void slotsBehindThatAreNotANumberNameTheField() {
        unhealthy("Node is behind by 42 slots", "\"42\"");
        slot("7");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("'numSlotsBehind' should be a non-negative integer below 2^63 but was \"42\"");
    }

    @Test
    void aSlotThatIsNotANumberFails() {
        answers("getHealth", OK);
        slot("{\"context\":{\"slot\":7},\"value\":7}");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("getSlot should be a non-negative integer");
    }

    @Test
    void aSlotBeyondTwoToTheSixtyThreeIsRejected() {
        answers("getHealth", OK);
        slot("18446744073709551615");

        assertThat(readFails(source(endpoint())))
                .hasMessageContaining("getSlot should be a non-negative integer below 2^63 but was 18446744073709551615");
    }

    @Test
    void slotsBehindThatOverflowTheNetworkHeightAreRejected() {
        unhealthy("Node is behind by many slots", String.valueOf(Long.MAX_VALUE));
        slot("10");

        assertThat(readFails(source(endpoint()))).hasMessageContaining("beyond 2^63");
    }

    @Test
    void unknownExtraFieldsAreTolerated() {
        answers("getHealth", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32005,\"message\":\"Node is behind by 3 slots\","
                + "\"data\":{\"numSlotsBehind\":3,\"futureField\":[1,2]}},\"id\":1,\"extra\":true}");
        answers("getSlot", "{\"jsonrpc\":\"2.0\",\"result\":100,\"id\":2,\"served_by\":\"edge-7\"}");

        assertThat(source(endpoint()).read().lag()).hasValue(3);
    }

    @Test
    void itAsksForTheConfirmedSlotOverJsonRpcTwoAndNeverUsesTheHttpHealthRoute() {
        answers("getHealth", OK);
        slot("5");

        source(endpoint()).read();

        node.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.jsonrpc", equalTo("2.0")))
                .withRequestBody(matchingJsonPath("$.method", equalTo("getSlot")))
                .withRequestBody(matchingJsonPath("$.params[0].commitment", equalTo("confirmed"))));
        node.verify(0, getRequestedFor(anyUrl()));
    }
}
