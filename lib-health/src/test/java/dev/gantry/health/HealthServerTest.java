package dev.gantry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.GantryException;
import dev.gantry.test.harness.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HealthServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private HealthService service;
    private HealthServer server;
    private HttpProbe http;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private void serve(HealthService.Builder builder) {
        service = builder.clock(clock).interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(2)).rise(2).fall(3)
                .build();
        server = HealthServer.start(service, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        http = new HttpProbe(server.uri());
    }

    private void serve(HealthCheck node) {
        serve(HealthService.builder().readiness("node", node));
    }

    private void refresh() {
        clock.advance(Duration.ofSeconds(5));
        service.refreshNow();
    }

    private static CheckResult lagging(long lag) {
        return CheckResult.down("behind by " + lag + " blocks").withReason("SYNC-LAGGING")
                .withDetail(CheckResult.HEIGHT, 1000 - lag).withDetail(CheckResult.NETWORK_HEIGHT, 1000L)
                .withDetail(CheckResult.LAG, lag);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void healthcheckFlipsFrom200To503AfterFallFailuresAndBackAfterRiseSuccesses() {
        serve(new ScriptedCheck().then(CheckResult.up()).then(lagging(12)).then(lagging(12)).then(lagging(12))
                .then(CheckResult.up()).then(CheckResult.up()));
        List<Integer> codes = new java.util.ArrayList<>();
        for (int run = 0; run < 6; run++) {
            refresh();
            codes.add(http.get("/healthcheck").statusCode());
        }

        assertThat(codes).containsExactly(200, 200, 200, 503, 503, 200);
    }

    @Test
    void readyzAnswersLikeHealthcheck() {
        serve(new ScriptedCheck().then(lagging(12)));
        refresh();

        assertThat(http.get("/readyz").statusCode()).isEqualTo(503);
        assertThat(json(http.get("/readyz"))).isEqualTo(json(http.get("/healthcheck")));
    }

    @Test
    void beforeTheFirstRunTheNodeIsNotReady() {
        serve(new ScriptedCheck());

        assertThat(http.get("/healthcheck").statusCode()).isEqualTo(503);
        assertThat(json(http.get("/healthcheck")).at("/checks/node/reason").asString()).isEqualTo("HEALTH-NOT-RUN");
    }

    @Test
    void livezStays200WhileTheNodeSyncs() {
        serve(new ScriptedCheck().then(lagging(5000)));
        refresh();

        HttpResponse<String> livez = http.get("/livez");

        assertThat(http.get("/healthcheck").statusCode()).isEqualTo(503);
        assertThat(livez.statusCode()).isEqualTo(200);
        assertThat(json(livez).get("live").asBoolean()).isTrue();
    }

    @Test
    void livezFailsWhenTheEvaluatorStopsTicking() {
        serve(new ScriptedCheck());
        refresh();
        clock.advance(Duration.ofSeconds(60)); // no run for 3 × interval + timeout

        HttpResponse<String> livez = http.get("/livez");

        assertThat(livez.statusCode()).isEqualTo(503);
        assertThat(json(livez).get("reason").asString()).isEqualTo("HEALTH-EVALUATOR-STUCK");
        assertThat(http.get("/livez?verbose").body()).contains("[-]evaluator failed: reason HEALTH-EVALUATOR-STUCK");
    }

    @Test
    void livezFailsWhenALivenessCheckIsDownButNotForReadinessChecks() {
        serve(HealthService.builder().readiness("node", new ScriptedCheck().then(lagging(9)))
                .liveness("disk", new ScriptedCheck().then(CheckResult.down("disk full").withReason("DISK-FULL"))));
        refresh();

        HttpResponse<String> livez = http.get("/livez?verbose");

        assertThat(livez.statusCode()).isEqualTo(503);
        assertThat(livez.body()).isEqualTo("[-]disk failed: reason DISK-FULL\nliveness check failed\n");
        assertThat(json(http.get("/livez")).get("checks").propertyNames()).containsExactly("disk");
    }

    @Test
    void aStaleResultMakesTheNodeNotReady() {
        serve(new ScriptedCheck().then(CheckResult.up()));
        refresh();
        assertThat(http.get("/healthcheck").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(30)); // beyond the default max staleness of 3 × 5 s + 2 s

        HttpResponse<String> stale = http.get("/healthcheck");
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(json(stale).at("/checks/node/status").asString()).isEqualTo("UNKNOWN");
        assertThat(json(stale).at("/checks/node/reason").asString()).isEqualTo("HEALTH-STALE");
    }

    @Test
    void theJsonBodyHasStatusReadyTimesAndPublicDetailsPerCheck() {
        serve(new ScriptedCheck().then(lagging(12).withDetail(CheckResult.PEERS, 8L).withDetail("catchingUp", true)));
        refresh();

        JsonNode body = json(http.get("/healthcheck"));

        assertThat(body.get("status").asString()).isEqualTo("DOWN");
        assertThat(body.get("ready").asBoolean()).isFalse();
        assertThat(Instant.parse(body.get("checkedAt").asString())).isEqualTo(clock.instant());
        JsonNode node = body.at("/checks/node");
        assertThat(node.propertyNames()).containsExactly("status", "reason", "height", "networkHeight", "lag",
                "peers", "catchingUp", "checkedAt", "since");
        assertThat(node.get("height").asLong()).isEqualTo(988);
        assertThat(node.get("lag").asLong()).isEqualTo(12);
        assertThat(node.get("catchingUp").asBoolean()).isTrue();
        assertThat(Instant.parse(node.get("checkedAt").asString())).isEqualTo(clock.instant());
    }

    @Test
    void everyNewResultIsServedAtOnceThoughAnswersAreReusedBetweenRuns() {
        serve(new ScriptedCheck().then(lagging(12)).then(lagging(5)));
        refresh();
        JsonNode first = json(http.get("/healthcheck"));
        assertThat(json(http.get("/healthcheck"))).isEqualTo(first);

        refresh();

        JsonNode second = json(http.get("/healthcheck"));
        assertThat(second.at("/checks/node/lag").asLong()).isEqualTo(5);
        assertThat(Instant.parse(second.get("checkedAt").asString())).isEqualTo(clock.instant())
                .isAfter(Instant.parse(first.get("checkedAt").asString()));
        assertThat(http.get("/metrics").body()).contains("gantry_node_lag_blocks{check=\"node\"} 5\n");
    }

    @Test
    void beforeAnyRunTheBodyHasNoCheckedAt() {
        serve(new ScriptedCheck());

        assertThat(json(http.get("/healthcheck")).has("checkedAt")).isFalse();
        assertThat(json(http.get("/healthcheck")).at("/checks/node").has("checkedAt")).isFalse();
    }

    @Test
    void noResponseEverContainsAMessageOrAStringDetail() {
        CheckResult leaky = CheckResult.down("rpc http://admin:password=hunter2@10.0.0.7 refused")
                .withReason("SYNC-RPC-FAILED").withDetail("url", "http://10.0.0.7?password=hunter2")
                .withDetail(CheckResult.HEIGHT, 5L);
        serve(HealthService.builder().readiness("node", new ScriptedCheck().then(leaky))
                .liveness("self", new ScriptedCheck().then(leaky.withReason("SELF-FAILED"))));
        refresh();

        for (String path : List.of("/healthcheck", "/healthcheck?verbose", "/readyz", "/livez", "/livez?verbose",
                "/healthcheck/node", "/healthcheck/node?verbose", "/healthcheck/self", "/metrics", "/nope")) {
            for (String method : List.of("GET", "HEAD", "POST")) {
                HttpResponse<String> response = http.send(method, path);
                assertThat(response.body() + response.headers().map()).as("%s %s", method, path)
                        .doesNotContain("hunter2").doesNotContain("10.0.0.7").doesNotContain("refused");
            }
        }
        assertThat(http.get("/healthcheck").body()).contains("SYNC-RPC-FAILED"); // the reason code is public
    }

    @Test
    void verboseListsEveryReadinessCheckLikeTheKubernetesApiServer() {
        serve(HealthService.builder().readiness("disk", new ScriptedCheck().then(CheckResult.up()))
                .readiness("node", new ScriptedCheck().then(lagging(12)))
                .readiness("refs", new ScriptedCheck().then(CheckResult.degraded("references unavailable")
                        .withReason("SYNC-NETWORK-STALLED")))
                .readiness("peers", new ScriptedCheck().then(CheckResult.down("no peers"))));
        refresh();

        HttpResponse<String> verbose = http.get("/healthcheck?verbose");

        assertThat(verbose.statusCode()).isEqualTo(503);
        assertThat(verbose.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(verbose.body()).isEqualTo("""
                [+]disk ok
                [-]node failed: reason SYNC-LAGGING
                [+]refs degraded: reason SYNC-NETWORK-STALLED
                [-]peers failed: reason withheld
                readiness check failed
                """);
    }

    @Test
    void verboseOfAReadyNodeEndsWithCheckPassed() {
        serve(new ScriptedCheck().then(CheckResult.up()));
        refresh();

        assertThat(http.get("/readyz?verbose=true").body()).isEqualTo("[+]node ok\nreadiness check passed\n");
    }

    @Test
    void verboseFalseServesJson() {
        serve(new ScriptedCheck().then(CheckResult.up()));
        refresh();

        assertThat(http.get("/healthcheck?verbose=false").headers().firstValue("Content-Type"))
                .contains("application/json");
        assertThat(http.get("/healthcheck?x=1&verbose").body()).startsWith("[+]node ok");
    }

    @Test
    void serverLimitsAlreadySetByTheUserAreKept() {
        String name = "sun.net.httpserver.maxReqHeaders";
        String before = System.getProperty(name);
        System.setProperty(name, "77");
        try {
            serve(new ScriptedCheck());

            assertThat(System.getProperty(name)).isEqualTo("77");
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    @Test
    void oneCheckIsServedOnItsOwnPath() {
        serve(HealthService.builder().readiness("disk", new ScriptedCheck().then(CheckResult.up()))
                .readiness("node", new ScriptedCheck().then(lagging(12))));
        refresh();

        HttpResponse<String> disk = http.get("/healthcheck/disk");
        HttpResponse<String> node = http.get("/healthcheck/node");

        assertThat(disk.statusCode()).isEqualTo(200);
        assertThat(json(disk).get("name").asString()).isEqualTo("disk");
        assertThat(node.statusCode()).isEqualTo(503);
        assertThat(json(node).get("reason").asString()).isEqualTo("SYNC-LAGGING");
        assertThat(node.headers().firstValue("X-Node-Lag")).contains("12");
        assertThat(http.get("/healthcheck/node?verbose").body()).isEqualTo("[-]node failed: reason SYNC-LAGGING\n");
    }

    @Test
    void anUnknownCheckOrPathIs404() {
        serve(new ScriptedCheck());

        assertThat(http.get("/healthcheck/other").statusCode()).isEqualTo(404);
        assertThat(http.get("/healthcheck/node/more").statusCode()).isEqualTo(404);
        assertThat(http.get("/healthcheck/").statusCode()).isEqualTo(404);
        assertThat(http.get("/").statusCode()).isEqualTo(404);
        assertThat(http.get("/healthcheckx").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/health").headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void otherMethodsAre405WithAnAllowHeader() {
        serve(new ScriptedCheck());

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            HttpResponse<String> response = http.send(method, "/healthcheck");
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).contains("GET, HEAD");
        }
    }

    @Test
    void headSendsTheHeadersOfGetWithoutABody() {
        serve(new ScriptedCheck().then(lagging(12)));
        refresh();

        HttpResponse<String> get = http.get("/healthcheck");
        HttpResponse<String> head = http.send("HEAD", "/healthcheck");

        assertThat(head.statusCode()).isEqualTo(503);
        assertThat(head.body()).isEmpty();
        for (String header : List.of("Content-Type", "Cache-Control", "X-Node-Height", "X-Node-Lag")) {
            assertThat(head.headers().firstValue(header)).as(header).isEqualTo(get.headers().firstValue(header))
                    .isPresent();
        }
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(get.body().length()));
    }

    @Test
    void everyAnswerSaysNoStoreAndTheNodeHeadersCarryHeightAndLag() {
        serve(new ScriptedCheck().then(lagging(3)));
        refresh();

        HttpResponse<String> response = http.get("/healthcheck");

        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("X-Node-Height")).contains("997");
        assertThat(response.headers().firstValue("X-Node-Lag")).contains("3");
        assertThat(http.get("/metrics").headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void aNotReadyNodeWithAnEtaSendsRetryAfter() {
        serve(new ScriptedCheck().then(lagging(120).withDetail(CheckResult.RETRY_AFTER_SECONDS, 45L)));
        refresh();

        assertThat(http.get("/healthcheck").headers().firstValue("Retry-After")).contains("45");
        assertThat(http.send("HEAD", "/healthcheck").headers().firstValue("Retry-After")).contains("45");
    }

    @Test
    void noRetryAfterWithoutAnEtaOrWhenReady() {
        serve(HealthService.builder().readiness("node", new ScriptedCheck().then(lagging(120)))
                .readiness("ok", new ScriptedCheck().then(CheckResult.up().withDetail(CheckResult.RETRY_AFTER_SECONDS,
                        9L))));
        refresh();

        assertThat(http.get("/healthcheck").headers().firstValue("Retry-After")).isEmpty();
        assertThat(http.get("/healthcheck/ok").headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void retryAfterIsTheLatestEtaOfTheFailingChecks() {
        serve(HealthService.builder()
                .readiness("a", new ScriptedCheck().then(lagging(1).withDetail(CheckResult.RETRY_AFTER_SECONDS, 10L)))
                .readiness("b", new ScriptedCheck().then(lagging(1).withDetail(CheckResult.RETRY_AFTER_SECONDS, 70.2))));
        refresh();

        assertThat(http.get("/healthcheck").headers().firstValue("Retry-After")).contains("71");
    }

    @Test
    void metricsAreServedInTheTextFormat() {
        serve(new ScriptedCheck().then(lagging(12).withDetail(CheckResult.SECONDS_SINCE_LAST_BLOCK, 40L)));
        refresh();

        HttpResponse<String> metrics = http.get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("gantry_health_ready 0\n",
                "gantry_health_check_status{check=\"node\",group=\"readiness\",status=\"DOWN\"} 1\n",
                "gantry_health_check_status{check=\"node\",group=\"readiness\",status=\"UP\"} 0\n",
                "# TYPE gantry_health_check_transitions_total counter\n",
                "gantry_health_check_transitions_total{check=\"node\"} 1\n",
                "gantry_node_height{check=\"node\"} 988\n", "gantry_node_network_height{check=\"node\"} 1000\n",
                "gantry_node_lag_blocks{check=\"node\"} 12\n", "gantry_node_seconds_since_last_block{check=\"node\"} 40\n");
    }

    @Test
    void theServerAnswersOnAnEphemeralPortAndStopsOnClose() {
        serve(new ScriptedCheck());
        int port = server.port();

        assertThat(port).isPositive();
        assertThat(server.address().getPort()).isEqualTo(port);
        assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + port);
        server.close();
        server.close(); // idempotent

        assertThatThrownBy(() -> http.get("/healthcheck")).isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void aBusyPortFailsWithAMessageNamingTheAddress() {
        serve(new ScriptedCheck());

        assertThatThrownBy(() -> HealthServer.start(service, server.address()))
                .isInstanceOf(GantryException.class).hasMessageContaining(Integer.toString(server.port()));
    }

    @Test
    void aPortOutOfRangeIsRejected() {
        serve(new ScriptedCheck());

        assertThatThrownBy(() -> HealthServer.start(service, 70_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }

    @Test
    void theAnswerDoesNotWaitForADeclaredRequestBody() throws Exception {
        serve(new ScriptedCheck());

        try (RawClient client = RawClient.connect(server.port())) {
            client.send("POST /healthcheck HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000000\r\n\r\nfirst bytes");

            assertThat(client.statusLine()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
        }
    }
}
