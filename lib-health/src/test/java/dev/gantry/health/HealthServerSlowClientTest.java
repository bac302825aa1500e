package dev.gantry.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients that are slow, many or never finish must not keep others from an answer. */
class HealthServerSlowClientTest {

    private HealthService service;
    private HealthServer server;
    private HttpProbe http;
    private final List<RawClient> raw = new ArrayList<>();

    @BeforeEach
    void serve() {
        service = HealthService.builder().readiness("node", new ScriptedCheck().then(CheckResult.up())).build();
        service.refreshNow();
        server = HealthServer.start(service, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        http = new HttpProbe(server.uri());
    }

    @AfterEach
    void close() throws Exception {
        for (RawClient client : raw) {
            client.close();
        }
        server.close();
        service.close();
    }

    @Test
    void clientsThatNeverFinishTheirRequestDoNotBlockOthers() throws Exception {
        for (int i = 0; i < HealthServer.THREADS - 1; i++) { // each holds a request thread
            raw.add(RawClient.connect(server.port()).send("GET /healthcheck HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
        }
        for (int i = 0; i < 20; i++) { // these only hold a connection
            raw.add(RawClient.connect(server.port()));
        }

        for (int i = 0; i < 20; i++) {
            assertThat(http.get("/healthcheck").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void manyConcurrentClientsAllGetAnswers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String path = List.of("/healthcheck", "/livez", "/metrics", "/healthcheck/node?verbose").get(i % 4);
                calls.add(() -> http.get(path).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> code : clients.invokeAll(calls)) {
                codes.add(code.get());
            }

            assertThat(codes).hasSize(400).containsOnly(200);
        } finally {
            clients.shutdownNow();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSlowCheckDoesNotSlowTheEndpoint() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (HealthService slow = HealthService.builder().readiness("node", () -> {
            try {
                release.await(); // a node that never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.up();
        }).timeout(java.time.Duration.ofMinutes(5)).build().start();
                HealthServer slowServer = HealthServer.start(slow,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            HttpProbe probe = new HttpProbe(slowServer.uri());

            for (int i = 0; i < 10; i++) { // each would time out after 20 s if it waited for the check
                assertThat(probe.get("/healthcheck").statusCode()).isEqualTo(503);
            }
        } finally {
            release.countDown();
        }
    }
}
