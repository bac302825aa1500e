package dev.gantry.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.test.harness.MutableClock;
import dev.gantry.test.harness.Programs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real {@code promtool check metrics} (Debian package prometheus) lints what /metrics serves. */
class HealthServerMetricsIT {

    private record Lint(int exit, String output) {
    }

    @Test
    void promtoolFindsNoProblemInTheMetricsOfEveryStatus() throws Exception {
        Path promtool = Programs.require("promtool", "prometheus");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        CheckResult lagging = CheckResult.down("behind").withReason("SYNC-LAGGING").withDetail(CheckResult.HEIGHT, 988L)
                .withDetail(CheckResult.NETWORK_HEIGHT, 1000L).withDetail(CheckResult.LAG, 12L)
                .withDetail(CheckResult.PEERS, 8L).withDetail(CheckResult.SECONDS_SINCE_LAST_BLOCK, 40L)
                .withDetail(CheckResult.RETRY_AFTER_SECONDS, 60L);
        try (HealthService service = HealthService.builder().clock(clock)
                .readiness("node", new ScriptedCheck().then(CheckResult.up().withDetail(CheckResult.HEIGHT, 999L))
                        .then(lagging))
                .readiness("rpc.b-2", new ScriptedCheck())
                .liveness("disk", new ScriptedCheck().then(CheckResult.degraded("slow")))
                .rise(1).fall(1).build();
                HealthServer server = HealthServer.start(service,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            service.refreshNow();
            clock.advance(Duration.ofSeconds(5));
            service.refreshNow();
            String metrics = new HttpProbe(server.uri()).get("/metrics").body();

            Lint lint = lint(promtool, metrics);

            assertThat(metrics).contains("gantry_node_lag_blocks{check=\"node\"} 12",
                    "gantry_health_check_transitions_total{check=\"node\"} 2");
            assertThat(lint.exit()).as("promtool output: %s%nmetrics:%n%s", lint.output(), metrics).isZero();
            assertThat(lint.output()).isBlank();
        }
    }

    @Test
    void promtoolDetectsAProblemSoTheLintAboveCanFail() throws Exception {
        Path promtool = Programs.require("promtool", "prometheus");

        Lint lint = lint(promtool, "# TYPE requests counter\nrequests 1\n");

        assertThat(lint.exit()).isNotZero();
        assertThat(lint.output()).contains("_total");
    }

    private static Lint lint(Path promtool, String metrics) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(promtool.toString(), "check", "metrics"))
                .redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(metrics.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool check metrics did not finish within 60 s");
        }
        return new Lint(process.exitValue(), output.join());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
