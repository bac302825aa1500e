package dev.gantry.health;

import dev.gantry.health.PrometheusText.Sample;
import dev.gantry.health.PrometheusText.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a snapshot as the {@code /metrics} body (Prometheus text format 0.0.4).
 *
 * <p>Families, each written only when it has samples:
 * <ul>
 *   <li>{@code gantry_health_ready}, {@code gantry_health_live}: 1 or 0;</li>
 *   <li>{@code gantry_health_check_status{check,group,status}}: one-hot, one sample per status
 *       with 1 on the check's effective status and 0 on the others, so alerts can match
 *       {@code status="DOWN"} and graphs can stack;</li>
 *   <li>{@code gantry_health_check_duration_seconds{check}}: how long the latest run took;</li>
 *   <li>{@code gantry_health_check_transitions_total{check}}: a counter of effective status
 *       changes since the service started;</li>
 *   <li>{@code gantry_node_height}, {@code gantry_node_network_height},
 *       {@code gantry_node_lag_blocks}, {@code gantry_node_peers},
 *       {@code gantry_node_seconds_since_last_block}, all labelled {@code check}: from the
 *       check's latest details, when it reports them.</li>
 * </ul>
 */
final class HealthMetrics {

    private static final String CHECK = "check";

    private HealthMetrics() {
    }

    /**
     * Returns the exposition text.
     *
     * @param snapshot the snapshot
     * @return the exposition text
     */
    static String render(HealthSnapshot snapshot) {
        List<CheckSnapshot> checks = snapshot.checks();
        PrometheusText text = new PrometheusText()
                .family("gantry_health_ready", Type.GAUGE, "Whether the node is ready for traffic (1) or not (0).",
                        List.of(Sample.of(snapshot.ready() ? 1 : 0)))
                .family("gantry_health_live", Type.GAUGE,
                        "Whether the process is alive (1) or its evaluator or a liveness check is down (0).",
                        List.of(Sample.of(snapshot.live() ? 1 : 0)))
                .family("gantry_health_check_status", Type.GAUGE,
                        "Effective status of each check after hysteresis, one-hot over the status label.",
                        statusSamples(checks))
                .family("gantry_health_check_duration_seconds", Type.GAUGE,
                        "How long the latest run of each check took.",
                        perCheck(checks, check -> Optional.of(check.duration().toNanos() / 1e9)))
                .family("gantry_health_check_transitions_total", Type.COUNTER,
                        "Changes of each check's effective status since the service started.",
                        perCheck(checks, check -> Optional.of((double) check.transitions())));
        nodeFamilies(text, checks);
        return text.text();
    }

    private static void nodeFamilies(PrometheusText text, List<CheckSnapshot> checks) {
        text.family("gantry_node_height", Type.GAUGE, "The node's own block height as its check last saw it.",
                        detail(checks, CheckResult.HEIGHT))
                .family("gantry_node_network_height", Type.GAUGE,
                        "The network's (or reference nodes') block height as the check last saw it.",
                        detail(checks, CheckResult.NETWORK_HEIGHT))
                .family("gantry_node_lag_blocks", Type.GAUGE, "How many blocks the node is behind the network.",
                        detail(checks, CheckResult.LAG))
                .family("gantry_node_peers", Type.GAUGE, "How many peers the node is connected to.",
                        detail(checks, CheckResult.PEERS))
                .family("gantry_node_seconds_since_last_block", Type.GAUGE,
                        "Seconds since the node's height last advanced.",
                        detail(checks, CheckResult.SECONDS_SINCE_LAST_BLOCK));
    }

    private static List<Sample> statusSamples(List<CheckSnapshot> checks) {
        List<Sample> samples = new ArrayList<>();
        for (CheckSnapshot check : checks) {
            for (Status status : Status.values()) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put(CHECK, check.name());
                labels.put("group", check.group().name().toLowerCase(Locale.ROOT));
                labels.put("status", status.name());
                samples.add(new Sample(labels, check.status() == status ? 1 : 0));
            }
        }
        return samples;
    }

    private static List<Sample> detail(List<CheckSnapshot> checks, String key) {
        return perCheck(checks, check -> PublicDetails.number(check.result(), key));
    }

    private static List<Sample> perCheck(List<CheckSnapshot> checks,
            java.util.function.Function<CheckSnapshot, Optional<Double>> value) {
        List<Sample> samples = new ArrayList<>();
        for (CheckSnapshot check : checks) {
            value.apply(check).ifPresent(number -> samples.add(Sample.of(CHECK, check.name(), number)));
        }
        return samples;
    }
}
