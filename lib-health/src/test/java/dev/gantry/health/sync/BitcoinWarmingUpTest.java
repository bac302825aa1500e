package dev.gantry.health.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.CheckResult;
import dev.gantry.health.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bitcoind that is still starting answers every call with JSON-RPC error -28
 * ({@code RPC_IN_WARMUP}, bitcoin/bitcoin {@code src/rpc/protocol.h}; thrown by
 * {@code CRPCTable::execute} in {@code src/rpc/server.cpp} while warming up, sent with HTTP 500
 * by {@code JSONErrorReply} in {@code src/httprpc.cpp}); messages as the node logs them at start.
 */
class BitcoinWarmingUpTest {

    @RegisterExtension
    static WireMockExtension node = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static String error(int code, String message) {
        return "{\"result\":null,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"},\"id\":1}";
    }

    private SyncSource source() {
        return SyncSource.bitcoin(HttpEndpoint.of(node.baseUrl()).withTimeout(Duration.ofSeconds(10)));
    }

    private void everyCallAnswers(String body) {
        node.stubFor(post("/").withRequestBody(matchingJsonPath("$.method"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void loadingTheBlockIndexIsWarmingUpNotUnreachable() {
        everyCallAnswers(error(-28, "Loading block index…"));

        NodeWarmingUpException error = catchThrowableOfType(NodeWarmingUpException.class, source()::read);

        assertThat(error).isNotNull().hasMessageContaining("-28").hasMessageContaining("Loading block index");
        CheckResult result = SyncCheck.builder(source()).build().check();
        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.reason()).hasValue(SyncCheck.WARMING_UP);
        assertThat(result.message()).contains("warming up").doesNotContain("unreachable");
    }

    @Test
    void verifyingBlocksIsWarmingUpToo() {
        everyCallAnswers(error(-28, "Verifying blocks…"));

        assertThat(SyncCheck.builder(source()).build().check().reason()).hasValue(SyncCheck.WARMING_UP);
    }

    @Test
    void anotherRpcErrorIsStillSourceDown() {
        everyCallAnswers(error(-8, "Block height out of range"));

        CheckResult result = SyncCheck.builder(source()).build().check();

        assertThat(result.reason()).hasValue(SyncCheck.SOURCE_DOWN);
    }

    @Test
    void errorMinus28WithAStringCodeIsNotMistakenForWarmingUp() {
        everyCallAnswers("{\"result\":null,\"error\":{\"code\":\"-28\",\"message\":\"odd\"},\"id\":1}");

        assertThat(SyncCheck.builder(source()).build().check().reason()).hasValue(SyncCheck.SOURCE_DOWN);
    }
}
