package dev.gantry.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.health.LiveThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetProbeThreadsTest {

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/healthcheck", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void leavesNoThreadBehindAfterClose() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/healthcheck");
        LiveThreads threads = LiveThreads.now();

        try (FleetProbe probe = FleetProbe.builder().concurrency(4).timeout(Duration.ofSeconds(5)).build()) {
            assertThat(probe.probe(Collections.nCopies(8, url)).allHealthy()).isTrue();
            assertThat(probe.awaitHealthy(List.of(url), Duration.ofSeconds(10)).allHealthy()).isTrue();
        }

        await("threads of the closed FleetProbe to end").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(threads.startedSince()).isEmpty());
    }
}
