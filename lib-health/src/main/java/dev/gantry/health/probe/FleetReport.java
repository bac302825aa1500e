package dev.gantry.health.probe;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link FleetProbe} saw: one {@link NodeProbe} per URL, in the order the URLs were given,
 * and the statuses the probe accepted as healthy.
 *
 * <pre>{@code
 * FleetReport fleet = probe.probe(urls);
 * fleet.allHealthy();        // false
 * fleet.byStatusCode();      // {0=[http://10.0.0.3:8080/healthcheck], 200=[…], 503=[…]}
 * fleet.byOrigin();          // {http://10.0.0.1:8080={200=1}, http://10.0.0.2:8080={503=1}, …}
 * fleet.report().orThrow();  // for harnesses
 * }</pre>
 *
 * <p>Immutable and thread-safe; every returned collection is unmodifiable.
 *
 * @param nodes the outcome per URL, in the order the URLs were given
 * @param expected the statuses accepted as healthy, for people, such as {@code HTTP 200} or {@code
 *     HTTP 200-399}
 */
public record FleetReport(List<NodeProbe> nodes, String expected) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException when a component or a node is {@code null}
     * @throws IllegalArgumentException when {@code expected} is blank
     */
    public FleetReport {
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        Objects.requireNonNull(expected, "expected");
        if (expected.isBlank()) {
            throw new IllegalArgumentException("expected must not be blank");
        }
    }

    /** Returns {@code true} when every node is healthy; also for a report without nodes. */
    public boolean allHealthy() {
        return nodes.stream().allMatch(NodeProbe::healthy);
    }

    /** Returns the healthy nodes, in URL order. */
    public List<NodeProbe> healthy() {
        return nodes.stream().filter(NodeProbe::healthy).toList();
    }

    /** Returns the nodes that are not healthy, answered or not, in URL order. */
    public List<NodeProbe> unhealthy() {
        return nodes.stream().filter(node -> !node.healthy()).toList();
    }

    /**
     * Groups the URLs by the status they answered with.
     *
     * @return status code to URLs, in ascending code order ({@code 0}, the nodes without an HTTP
     *     answer, first), each list in URL order
     */
    public Map<Integer, List<URI>> byStatusCode() {
        Map<Integer, List<URI>> groups = new TreeMap<>();
        for (NodeProbe node : nodes) {
            groups.computeIfAbsent(node.statusCode(), code -> new ArrayList<>()).add(node.url());
        }
        groups.replaceAll((code, urls) -> List.copyOf(urls));
        return Collections.unmodifiableMap(groups);
    }

    /**
     * Counts the status codes per origin, {@code scheme://host:port} with the scheme's default
     * port filled in, so that nodes behind one address (several paths, or a load balancer probed
     * many times) show how their answers split.
     *
     * <pre>{@code
     * {http://10.0.0.1:8080={200=2}, http://10.0.0.2:8080={0=1, 503=1}}
     * }</pre>
     *
     * @return origin to (status code to count), both in ascending order; {@code 0} counts the
     *     requests without an HTTP answer
     */
    public Map<String, Map<Integer, Long>> byOrigin() {
        Map<String, Map<Integer, Long>> index = new TreeMap<>();
        for (NodeProbe node : nodes) {
            index.computeIfAbsent(origin(node.url()), origin -> new TreeMap<>())
                    .merge(node.statusCode(), 1L, Long::sum);
        }
        index.replaceAll((origin, counts) -> Collections.unmodifiableMap(counts));
        return Collections.unmodifiableMap(index);
    }

    /**
     * Turns the outcome into a core {@link Report} with one finding per node, subject the URL:
     *
     * <ul>
     *   <li>{@code PASS PROBE-HEALTHY}: the status and latency;
     *   <li>{@code FAIL PROBE-UNHEALTHY}: the node answered with another status; the message has the
     *       status, what was expected and the start of the body;
     *   <li>{@code FAIL PROBE-UNREACHABLE}: no HTTP answer; the message has the reason and the
     *       remedy says what to check.
     * </ul>
     *
     * @return the report, titled like {@code fleet probe: 2 of 3 nodes healthy}
     */
    public Report report() {
        List<Finding> findings = nodes.stream().map(this::finding).toList();
        return Report.of(findings).withTitle("fleet probe: " + healthy().size() + " of " + nodes.size()
                + (nodes.size() == 1 ? " node" : " nodes") + " healthy");
    }

    /**
     * Renders a table for JShell: a summary line, then one line per node.
     *
     * <pre>{@code
     * FleetReport[2 of 3 healthy, expected HTTP 200]
     *   PASS  200     12 ms  http://10.0.0.1:8080/healthcheck
     *   FAIL  503      8 ms  http://10.0.0.2:8080/healthcheck  HTTP 503 {"status":"DOWN","reason":"SYNC-LAGGING"}
     *   FAIL  ---   2003 ms  http://10.0.0.3:8080/healthcheck  timed out after 2000 ms
     * }</pre>
     *
     * @return the table, one line per node
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FleetReport[").append(healthy().size()).append(" of ")
                .append(nodes.size()).append(" healthy, expected ").append(expected).append(']');
        for (NodeProbe node : nodes) {
            sb.append(String.format(Locale.ROOT, "%n  %s  %s  %5d ms  %s", node.healthy() ? "PASS" : "FAIL",
                    node.answered() ? String.valueOf(node.statusCode()) : "---", node.latency().toMillis(),
                    node.url()));
            if (!node.healthy()) {
                sb.append("  ").append(node.reason()).append(node.bodyStart().map(body -> " " + body).orElse(""));
            }
        }
        return sb.toString();
    }

    private Finding finding(NodeProbe node) {
        String subject = node.url().toString();
        String took = " (" + node.latency().toMillis() + " ms)";
        if (node.healthy()) {
            return Finding.pass("PROBE-HEALTHY", subject, "HTTP " + node.statusCode() + took);
        }
        if (node.answered()) {
            return Finding.fail("PROBE-UNHEALTHY", subject, "HTTP " + node.statusCode() + took + ", expected "
                    + expected + node.bodyStart().map(body -> "; body: " + body).orElse(""),
                    "the service answers but not as healthy; read its body or logs (a Gantry /healthcheck"
                            + " answers 503 while the node syncs, lags or stalls)");
        }
        return Finding.fail("PROBE-UNREACHABLE", subject, node.reason() + took,
                "check that the service runs and listens on " + origin(node.url()) + ", that its name resolves"
                        + " and no firewall drops the traffic, and that it answers within the probe's timeout");
    }

    /** The origin of a URL, {@code scheme://host:port}, with the scheme's default port filled in. */
    static String origin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        if (port == -1) {
            port = "https".equals(scheme) ? 443 : 80;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
