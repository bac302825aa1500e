package dev.gantry.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetReportTest {

    private static final URI A = URI.create("http://10.0.0.1:8080/healthcheck");
    private static final URI A_LIVEZ = URI.create("http://10.0.0.1:8080/livez");
    private static final URI B = URI.create("http://10.0.0.2:8080/healthcheck");
    private static final URI C = URI.create("https://Node-C.example/healthcheck");
    private static final URI D = URI.create("http://10.0.0.4/healthcheck");

    private static NodeProbe healthy(URI url) {
        return new NodeProbe(url, true, 200, Duration.ofMillis(12), "ok", Optional.of("{\"status\":\"UP\"}"));
    }

    private static NodeProbe answered(URI url, int status) {
        return new NodeProbe(url, false, status, Duration.ofMillis(8), "HTTP " + status,
                Optional.of("{\"status\":\"DOWN\",\"reason\":\"SYNC-LAGGING\"}"));
    }

    private static NodeProbe unreachable(URI url, String reason) {
        return new NodeProbe(url, false, 0, Duration.ofMillis(2003), reason, Optional.empty());
    }

    private static final FleetReport MIXED = new FleetReport(List.of(healthy(A), answered(B, 503), healthy(A_LIVEZ),
            unreachable(C, "timed out after 2000 ms"), answered(D, 503)), "HTTP 200");

    @Test
    void splitsNodesIntoHealthyAndUnhealthyInUrlOrder() {
        assertThat(MIXED.healthy()).extracting(NodeProbe::url).containsExactly(A, A_LIVEZ);
        assertThat(MIXED.unhealthy()).extracting(NodeProbe::url).containsExactly(B, C, D);
        assertThat(MIXED.allHealthy()).isFalse();
        assertThat(new FleetReport(List.of(healthy(A)), "HTTP 200").allHealthy()).isTrue();
    }

    @Test
    void groupsUrlsByStatusCodeInAscendingOrderWithUnansweredUnderZero() {
        Map<Integer, List<URI>> groups = MIXED.byStatusCode();

        assertThat(groups).containsExactly(Map.entry(0, List.of(C)), Map.entry(200, List.of(A, A_LIVEZ)),
                Map.entry(503, List.of(B, D)));
    }

    @Test
    void countsStatusCodesPerOriginWithDefaultPortsFilledInAndHostsLowerCased() {
        assertThat(MIXED.byOrigin()).containsExactly(
                Map.entry("http://10.0.0.1:8080", Map.of(200, 2L)),
                Map.entry("http://10.0.0.2:8080", Map.of(503, 1L)),
                Map.entry("http://10.0.0.4:80", Map.of(503, 1L)),
                Map.entry("https://node-c.example:443", Map.of(0, 1L)));
    }

    @Test
    void theReportHasOneFindingPerNodeWithStableCodes() {
        Report report = MIXED.report();

        assertThat(report.findings()).extracting(Finding::severity, Finding::code, Finding::subject).containsExactly(
                tuple(Severity.PASS, "PROBE-HEALTHY", A.toString()),
                tuple(Severity.FAIL, "PROBE-UNHEALTHY", B.toString()),
                tuple(Severity.PASS, "PROBE-HEALTHY", A_LIVEZ.toString()),
                tuple(Severity.FAIL, "PROBE-UNREACHABLE", C.toString()),
                tuple(Severity.FAIL, "PROBE-UNHEALTHY", D.toString()));
        assertThat(report.title()).hasValue("fleet probe: 2 of 5 nodes healthy");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void anUnhealthyFindingSaysTheStatusWhatWasExpectedAndTheBody() {
        Finding finding = MIXED.report().findings().get(1);

        assertThat(finding.message()).contains("HTTP 503", "expected HTTP 200", "SYNC-LAGGING");
        assertThat(finding.hasRemedy()).isTrue();
    }

    @Test
    void anUnreachableFindingSaysWhyAndWhereToLook() {
        Finding finding = MIXED.report().findings().get(3);

        assertThat(finding.message()).startsWith("timed out after 2000 ms");
        assertThat(finding.remedy()).contains("https://node-c.example:443", "firewall", "timeout");
    }

    @Test
    void aReportOfHealthyNodesIsOk() {
        assertThat(new FleetReport(List.of(healthy(A), healthy(B)), "HTTP 200").report().orThrow().ok()).isTrue();
    }

    @Test
    void toStringShowsASummaryAndOneLinePerNodeWithTheReasonOfUnhealthyOnes() {
        String text = MIXED.toString();

        assertThat(text.lines()).hasSize(6);
        assertThat(text.lines().findFirst()).hasValue("FleetReport[2 of 5 healthy, expected HTTP 200]");
        assertThat(text).contains("PASS  200     12 ms  " + A, "FAIL  ---   2003 ms  " + C + "  timed out after 2000 ms",
                "FAIL  503      8 ms  " + B + "  HTTP 503 {\"status\":\"DOWN\"");
    }

    @Test
    void theNodesAreCopiedAndCannotBeChanged() {
        List<NodeProbe> nodes = new ArrayList<>(List.of(healthy(A)));
        FleetReport report = new FleetReport(nodes, "HTTP 200");
        nodes.add(healthy(B));

        assertThat(report.nodes()).hasSize(1);
        assertThatThrownBy(() -> report.nodes().add(healthy(B))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> report.byStatusCode().get(200).add(B))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNodeWithoutAnHttpAnswerCannotBeHealthy() {
        assertThatThrownBy(() -> new NodeProbe(A, true, 0, Duration.ZERO, "ok", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statusCode");
        assertThatThrownBy(() -> new NodeProbe(A, false, 42, Duration.ZERO, "HTTP 42", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statusCode");
        assertThatThrownBy(() -> new NodeProbe(A, false, 0, Duration.ofMillis(-1), "x", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency");
        assertThatThrownBy(() -> new NodeProbe(A, false, 0, Duration.ZERO, " ", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    @Test
    void aNodeProbePrintsAsOneLine() {
        assertThat(answered(B, 503).toString())
                .isEqualTo(B + ": HTTP 503 (8 ms) {\"status\":\"DOWN\",\"reason\":\"SYNC-LAGGING\"}");
        assertThat(healthy(A).answered()).isTrue();
        assertThat(unreachable(C, "connection refused").answered()).isFalse();
    }
}
