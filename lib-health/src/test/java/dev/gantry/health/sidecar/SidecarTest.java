package dev.gantry.health.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.core.GantryException;
import dev.gantry.core.ParseException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sidecar in this JVM in front of a fake Bitcoin-family RPC on loopback; answers shaped
 * after litecoind 0.21.2 regtest output ({@code getblockchaininfo}, {@code getnetworkinfo}).
 */
class SidecarTest {

    private static final String PASSWORD = "fake-node-password-91c2";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final AtomicReference<String> chain = new AtomicReference<>();
    private HttpServer node;

    @BeforeEach
    void startFakeNode() throws IOException {
        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        node.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = request.contains("getnetworkinfo")
                    ? "{\"result\":{\"version\":210201,\"connections\":8,\"networkactive\":true},\"error\":null,\"id\":1}"
                    : chain.get();
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        node.start();
        height(100, 100);
    }

    @AfterEach
    void stopFakeNode() {
        node.stop(0);
    }

    private void height(int blocks, int headers) {
        chain.set("{\"result\":{\"chain\":\"regtest\",\"blocks\":" + blocks + ",\"headers\":" + headers
                + ",\"verificationprogress\":1,\"initialblockdownload\":false},\"error\":null,\"id\":1}");
    }

    private Sidecar start(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--source", "bitcoin",
                "--url", "http://127.0.0.1:" + node.getAddress().getPort(), "--rpc-user", "u",
                "--rpc-password-env", "RPC_PASSWORD", "--listen", "127.0.0.1:0", "--interval", "100ms",
                "--rise", "1", "--fall", "1", "--max-lag", "2"));
        arguments.addAll(List.of(more));
        return Sidecar.start(SidecarOptions.parse(arguments, Map.of("RPC_PASSWORD", PASSWORD)));
    }

    @Test
    void servesTheNodesReadinessOnHealthcheckAndFlipsWhenItLags() {
        try (Sidecar sidecar = start()) {
            URI healthcheck = sidecar.uri().resolve("/healthcheck");

            HealthAnswer synced = await().atMost(DEADLINE).ignoreExceptions()
                    .until(() -> HealthAnswer.get(healthcheck), answer -> answer.status() == 200);
            assertThat(synced.reason()).isEqualTo("SYNC-OK");

            height(90, 100);
            // On a loaded machine a 100 ms round can miss its deadline (HEALTH-TIMEOUT, also 503):
            // wait for the lag to be judged, not for any 503.
            HealthAnswer lagging = await().atMost(DEADLINE).ignoreExceptions()
                    .until(() -> HealthAnswer.get(healthcheck),
                            answer -> answer.status() == 503 && "SYNC-LAGGING".equals(answer.reason()));
            assertThat(lagging.lag()).isEqualTo(10);
            assertThat(HealthAnswer.get(sidecar.uri().resolve("/livez")).status()).isEqualTo(200);
        }
    }

    @Test
    void theStartupLineNamesTheAddressAndUserButNeverThePassword() {
        try (Sidecar sidecar = start()) {
            assertThat(sidecar.startupLine()).startsWith("gantry sidecar: serving " + sidecar.uri())
                    .contains("--source bitcoin", "basic auth u:****", "maxLag 2")
                    .doesNotContain(PASSWORD);
            assertThat(sidecar.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void closingStopsServing() {
        Sidecar sidecar = start();
        URI livez = sidecar.uri().resolve("/livez");
        assertThat(HealthAnswer.get(livez).status()).isEqualTo(200);

        sidecar.closeWithin(Duration.ofSeconds(5));

        assertThatThrownBy(() -> HealthAnswer.get(livez)).isInstanceOf(UncheckedIOException.class);
        sidecar.close(); // idempotent
    }

    @Test
    void aTakenAddressFailsTheStartAndLeavesNothingRunning() {
        try (Sidecar first = start()) {
            String taken = "127.0.0.1:" + first.uri().getPort();
            List<String> arguments = List.of("--source", "bitcoin", "--url", "http://127.0.0.1:1", "--listen", taken);

            assertThatThrownBy(() -> Sidecar.start(SidecarOptions.parse(arguments, Map.of())))
                    .isInstanceOf(GantryException.class).hasMessageContaining(Integer.toString(first.uri().getPort()));
        }
    }

    @Test
    void errorsPrintAsOneLine() {
        ParseException usage = new ParseException(SidecarOptions.SOURCE, 3, "--max-lag", "--max-lag expects a whole"
                + " number >= 0 but was \"x\"");
        GantryException start = new GantryException("cannot serve health on /127.0.0.1:8080: Address already in use\n"
                + "(is another process using the port?)");

        assertThat(Sidecar.usageError(usage)).isEqualTo("sidecar: --max-lag expects a whole number >= 0 but was \"x\""
                + " (run with --help for every flag)");
        assertThat(Sidecar.startError(start)).isEqualTo("sidecar: cannot start: cannot serve health on"
                + " /127.0.0.1:8080: Address already in use (is another process using the port?)");
    }
}
