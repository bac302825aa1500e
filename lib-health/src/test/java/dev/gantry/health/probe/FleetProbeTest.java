package dev.gantry.health.probe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.gantry.core.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FleetProbeTest {

    private static final String UP = "{\"status\":\"UP\"}";
    private static final String LAGGING = "{\"status\":\"DOWN\",\"reason\":\"SYNC-LAGGING\",\"lag\":1880}";

    @RegisterExtension
    static WireMockExtension nodeA = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension nodeB = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static URI at(WireMockExtension node, String path) {
        return URI.create(node.baseUrl() + path);
    }

    private static URI closedPort(String path) {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls fast; the 3 s request timeout is generous, so a loaded machine does not time out. */
    private static FleetProbe fastProbe() {
        return FleetProbe.builder().timeout(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10)).build();
    }

    @Test
    void aMixedFleetGivesOneResultPerNodeInUrlOrderAndNeverThrows() {
        nodeA.stubFor(get("/healthcheck").willReturn(okJson(UP)));
        nodeA.stubFor(get("/syncing").willReturn(serviceUnavailable().withBody(LAGGING)));
        nodeA.stubFor(get("/slow").willReturn(ok(UP).withFixedDelay(20_000)));
        nodeB.stubFor(get("/healthcheck").willReturn(okJson(UP)));
        nodeB.stubFor(get("/hangs-up").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        URI refused = closedPort("/healthcheck");

        try (FleetProbe probe = fastProbe(); BannerServer ssh = new BannerServer()) {
            FleetReport fleet = probe.probe(List.of(at(nodeA, "/healthcheck"), at(nodeA, "/syncing"),
                    at(nodeA, "/slow"), refused, ssh.url("/healthcheck"), at(nodeB, "/healthcheck"),
                    at(nodeB, "/hangs-up")));

            assertThat(fleet.nodes()).extracting(NodeProbe::healthy, NodeProbe::statusCode).containsExactly(
                    tuple(true, 200), tuple(false, 503), tuple(false, 0), tuple(false, 0), tuple(false, 0),
                    tuple(true, 200), tuple(false, 0));
            assertThat(fleet.nodes()).extracting(NodeProbe::reason).containsExactly("ok", "HTTP 503",
                    "timed out after 3000 ms", "connection refused",
                    "not an HTTP answer: Unexpected status line: SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5",
                    "ok", "connection closed without an answer");
            assertThat(fleet.nodes().get(0).bodyStart()).hasValue(UP);
            assertThat(fleet.nodes().get(1).bodyStart()).hasValue(LAGGING);
            assertThat(fleet.nodes().get(3).bodyStart()).isEmpty();
            assertThat(fleet.healthy()).hasSize(2);
        }
    }

    @Test
    void theReportAndTheOriginIndexCoverEveryNode() {
        nodeA.stubFor(get("/healthcheck").willReturn(okJson(UP)));
        nodeA.stubFor(get("/livez").willReturn(okJson(UP)));
        nodeB.stubFor(get("/healthcheck").willReturn(serviceUnavailable().withBody(LAGGING)));
        URI refused = closedPort("/healthcheck");

        try (FleetProbe probe = fastProbe()) {
            FleetReport fleet = probe.probe(List.of(at(nodeA, "/healthcheck"), at(nodeA, "/livez"),
                    at(nodeB, "/healthcheck"), refused));

            assertThat(fleet.byOrigin()).containsOnly(
                    Map.entry("http://localhost:" + nodeA.getPort(), Map.of(200, 2L)),
                    Map.entry("http://localhost:" + nodeB.getPort(), Map.of(503, 1L)),
                    Map.entry("http://127.0.0.1:" + refused.getPort(), Map.of(0, 1L)));
            assertThat(fleet.byStatusCode()).containsOnlyKeys(0, 200, 503);
            assertThat(fleet.report().findings()).extracting(Finding::code)
                    .containsExactly("PROBE-HEALTHY", "PROBE-HEALTHY", "PROBE-UNHEALTHY", "PROBE-UNREACHABLE");
            assertThat(fleet.report().findings().get(2).message()).contains("SYNC-LAGGING");
        }
    }

    @Test
    void onlyTheStartOfALargeBodyIsRead() {
        nodeA.stubFor(get("/huge").willReturn(ok("x".repeat(10 * 1024 * 1024))));

        // WireMock may need more than fastProbe's 3 s to start sending 10 MB on a busy machine.
        try (FleetProbe probe = FleetProbe.builder().timeout(Duration.ofSeconds(10)).build()) {
            NodeProbe node = probe.probe(List.of(at(nodeA, "/huge"))).nodes().get(0);

            assertThat(node.healthy()).isTrue();
            assertThat(node.bodyStart()).hasValue("x".repeat(NodeProbe.MAX_BODY_START) + "…");
        }
    }

    @Test
    void headRequestsAskForTheStatusOnly() {
        nodeA.stubFor(head(urlEqualTo("/healthcheck")).willReturn(ok()));

        try (FleetProbe probe = FleetProbe.builder().method(FleetProbe.Method.HEAD).build()) {
            NodeProbe node = probe.probe(List.of(at(nodeA, "/healthcheck"))).nodes().get(0);

            assertThat(node.healthy()).as(node.toString()).isTrue();
            assertThat(node.bodyStart()).isEmpty();
        }
        nodeA.verify(1, headRequestedFor(urlEqualTo("/healthcheck")));
        nodeA.verify(0, getRequestedFor(urlEqualTo("/healthcheck")));
    }

    @Test
    void byDefaultOnly200IsHealthyAndRedirectsAreNotFollowed() {
        nodeA.stubFor(get("/no-content").willReturn(status(204)));
        nodeA.stubFor(get("/moved").willReturn(status(302).withHeader("Location", "/elsewhere")));
        nodeA.stubFor(get("/elsewhere").willReturn(ok()));
        List<URI> urls = List.of(at(nodeA, "/no-content"), at(nodeA, "/moved"));

        try (FleetProbe strict = FleetProbe.ofDefaults();
                FleetProbe haproxyLike = FleetProbe.builder().expectStatusBetween(200, 399).build();
                FleetProbe listed = FleetProbe.builder().expectStatus(200, 204).build()) {
            assertThat(strict.probe(urls).nodes()).extracting(NodeProbe::healthy, NodeProbe::reason)
                    .containsExactly(tuple(false, "HTTP 204"), tuple(false, "HTTP 302"));
            assertThat(haproxyLike.probe(urls).nodes()).extracting(NodeProbe::healthy).containsExactly(true, true);
            assertThat(listed.probe(urls).nodes()).extracting(NodeProbe::healthy).containsExactly(true, false);
            assertThat(listed.probe(urls).report().findings().get(1).message()).contains("expected HTTP 200 or 204");
        }
        nodeA.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void neverHasMoreRequestsInFlightThanTheConcurrency() throws Exception {
        try (GatedServer server = new GatedServer();
                FleetProbe probe = FleetProbe.builder().concurrency(3).timeout(Duration.ofSeconds(20)).build()) {
            List<URI> urls = IntStream.range(0, 20).mapToObj(i -> server.url("/node-" + i)).toList();

            CompletableFuture<FleetReport> running = CompletableFuture.supplyAsync(() -> probe.probe(urls));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.inFlight() == 3);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> server.inFlight() <= 3);
            server.open();
            FleetReport fleet = running.get(30, TimeUnit.SECONDS);

            assertThat(fleet.nodes()).extracting(NodeProbe::url).containsExactlyElementsOf(urls);
            assertThat(fleet.allHealthy()).isTrue();
            assertThat(server.requests()).isEqualTo(20);
            assertThat(server.maxInFlight()).isEqualTo(3);
        }
    }

    @Test
    void awaitHealthyReturnsOnceASyncingNodeFlipsTo200AndDoesNotReprobeHealthyNodes() {
        nodeA.stubFor(get("/healthcheck").inScenario("sync").whenScenarioStateIs(STARTED)
                .willReturn(serviceUnavailable().withBody(LAGGING)).willSetStateTo("catching up"));
        nodeA.stubFor(get("/healthcheck").inScenario("sync").whenScenarioStateIs("catching up")
                .willReturn(serviceUnavailable().withBody(LAGGING)).willSetStateTo("synced"));
        nodeA.stubFor(get("/healthcheck").inScenario("sync").whenScenarioStateIs("synced").willReturn(okJson(UP)));
        nodeB.stubFor(get("/healthcheck").willReturn(okJson(UP)));

        try (FleetProbe probe = fastProbe()) {
            FleetReport fleet = probe.awaitHealthy(List.of(at(nodeA, "/healthcheck"), at(nodeB, "/healthcheck")),
                    Duration.ofSeconds(30));

            assertThat(fleet.allHealthy()).isTrue();
            assertThat(fleet.nodes()).extracting(NodeProbe::url)
                    .containsExactly(at(nodeA, "/healthcheck"), at(nodeB, "/healthcheck"));
        }
        nodeA.verify(3, getRequestedFor(urlEqualTo("/healthcheck")));
        nodeB.verify(1, getRequestedFor(urlEqualTo("/healthcheck")));
    }

    @Test
    void awaitHealthyFailsSayingWhatItAwaitedTheDeadlineAndEachUnhealthyNodesLastReason() {
        nodeA.stubFor(get("/healthcheck").willReturn(okJson(UP)));
        nodeB.stubFor(get("/healthcheck").willReturn(serviceUnavailable().withBody(LAGGING)));
        URI refused = closedPort("/healthcheck");
        List<URI> urls = List.of(at(nodeA, "/healthcheck"), at(nodeB, "/healthcheck"), refused);

        try (FleetProbe probe = fastProbe()) {
            FleetNotHealthyException error = catchThrowableOfType(FleetNotHealthyException.class,
                    () -> probe.awaitHealthy(urls, Duration.ofSeconds(5)));

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).startsWith("timed out after 5000 ms waiting for 3 nodes to answer GET with"
                    + " HTTP 200 (every 10 ms, 3000 ms timeout per request, ")
                    .contains("2 still unhealthy:\n")
                    .contains("\n  " + urls.get(1) + ": HTTP 503 " + LAGGING)
                    .contains("\n  " + urls.get(2) + ": connection refused")
                    .doesNotContain(urls.get(0) + ":");
            assertThat(error.report().nodes()).extracting(NodeProbe::healthy).containsExactly(true, false, false);
        }
    }

    @Test
    void awaitHealthyPollsEveryIntervalAndStopsAtTheDeadline() {
        nodeA.stubFor(get("/healthcheck").willReturn(serviceUnavailable()));
        FakeTicker ticker = new FakeTicker();

        try (FleetProbe probe = FleetProbe.builder().pollInterval(Duration.ofMillis(250)).ticker(ticker).build()) {
            FleetNotHealthyException error = catchThrowableOfType(FleetNotHealthyException.class,
                    () -> probe.awaitHealthy(List.of(at(nodeA, "/healthcheck")), Duration.ofMillis(1100)));

            assertThat(error).hasMessageContaining("5 rounds");
        }
        nodeA.verify(5, getRequestedFor(urlEqualTo("/healthcheck")));
        assertThat(ticker.elapsed()).isEqualTo(Duration.ofMillis(1100));
    }

    @Test
    void aNodeStillQueuedAtTheDeadlineIsNotProbedAndSaysSo() {
        FakeTicker ticker = new FakeTicker();
        try (GatedServer server = new GatedServer().open();
                FleetProbe probe = FleetProbe.builder().concurrency(1).ticker(ticker).build()) {
            server.onRequest(() -> ticker.sleep(Duration.ofSeconds(5).toNanos()));
            List<URI> urls = List.of(closedPort("/healthcheck"), server.url("/slow"), server.url("/queued"));

            FleetNotHealthyException error = catchThrowableOfType(FleetNotHealthyException.class,
                    () -> probe.awaitHealthy(urls, Duration.ofSeconds(1)));

            assertThat(error.report().nodes()).extracting(NodeProbe::reason)
                    .containsExactly("connection refused", "ok", "not probed before the deadline");
            assertThat(error).hasMessageContaining(urls.get(2) + ": not probed before the deadline");
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void probingNoUrlsGivesAnEmptyHealthyReport() {
        try (FleetProbe probe = FleetProbe.ofDefaults()) {
            assertThat(probe.probe(List.of()).nodes()).isEmpty();
            assertThat(probe.awaitHealthy(List.of(), Duration.ofSeconds(1)).report().ok()).isTrue();
        }
    }

    @Test
    void invalidUrlsAreRejectedNamingTheirIndex() {
        try (FleetProbe probe = FleetProbe.ofDefaults()) {
            URI good = URI.create("http://10.0.0.1:8080/healthcheck");
            assertThatThrownBy(() -> probe.probe(List.of(good, URI.create("ftp://10.0.0.2/healthcheck"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("urls[1] must be http or https");
            assertThatThrownBy(() -> probe.probe(List.of(URI.create("http://rpc:hunter2@10.0.0.2/healthcheck"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("urls[0]")
                    .hasMessageNotContaining("hunter2");
            assertThatThrownBy(() -> probe.probe(List.of(URI.create("http:///healthcheck"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("urls[0] has no host");
            assertThatThrownBy(() -> probe.probe(java.util.Arrays.asList(good, null)))
                    .isInstanceOf(NullPointerException.class).hasMessage("urls[1]");
            assertThatThrownBy(() -> probe.awaitHealthy(List.of(good), Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
        }
    }

    @Test
    void closeIsIdempotentAndAClosedProbeRefusesWork() {
        FleetProbe probe = FleetProbe.ofDefaults();
        probe.close();
        probe.close();

        assertThat(probe.toString()).endsWith(", closed]");
        assertThatThrownBy(() -> probe.probe(List.of(at(nodeA, "/healthcheck"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> probe.awaitHealthy(List.of(at(nodeA, "/healthcheck")), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void closingWhileProbingCancelsTheRequestsAndFailsTheCall() {
        try (GatedServer server = new GatedServer()) {
            FleetProbe probe = FleetProbe.builder().concurrency(1).timeout(Duration.ofSeconds(20)).build();
            CompletableFuture<FleetReport> running = CompletableFuture.supplyAsync(
                    () -> probe.probe(List.of(server.url("/held"), server.url("/queued"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.inFlight() == 1);

            probe.close();

            assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("closed while probing");
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    /** A clock that only moves when the probe sleeps, or when a test moves it. */
    private static final class FakeTicker implements Ticker {

        private final AtomicLong now = new AtomicLong();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleep(long nanos) {
            now.addAndGet(nanos);
        }

        Duration elapsed() {
            return Duration.ofNanos(now.get());
        }
    }
}
