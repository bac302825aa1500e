package dev.gantry.health.probe;

import dev.gantry.core.GantryException;
import dev.gantry.core.exec.Host;
import dev.gantry.core.raid.NodeExporterMd;
import dev.gantry.core.raid.NodeFacts;
import dev.gantry.core.raid.RaidArray;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.internal.HttpTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Scrapes a node_exporter's {@code /metrics} through gantry-health's shared HTTP client and hands
 * the text to lib-core's {@link NodeExporterMd} parser.
 *
 * <pre>{@code
 * NodeExporterScrape scrape = NodeExporterScrape.of(HttpEndpoint.of("http://10.0.2.21:9100")
 *         .withTimeout(Duration.ofSeconds(10)).withMaxBodyBytes(8 * 1024 * 1024));
 * scrape.arrays().forEach(System.out::println);
 * raidCheck.check("worker-3", scrape.facts(host).arrays()).print();
 * }</pre>
 *
 * <p>One {@code GET <endpoint>/metrics} per call, bounded by the endpoint's timeout (connect to
 * last byte) and size limit (default 1 MiB; a node with many collectors may need more), without
 * redirects or retries. Only HTTP 200 is accepted. Immutable and thread-safe.
 */
public final class NodeExporterScrape {

    /** The path scraped on the endpoint. */
    public static final String PATH = "/metrics";

    private final HttpTransport transport;

    private NodeExporterScrape(HttpEndpoint endpoint) {
        this.transport = HttpTransport.pooled(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /**
     * Creates a scrape of an endpoint's {@code /metrics}.
     *
     * @param endpoint node_exporter's base URL, such as {@code http://10.0.2.21:9100}, with its
     *     timeout and size limit
     * @return the scrape
     */
    public static NodeExporterScrape of(HttpEndpoint endpoint) {
        return new NodeExporterScrape(endpoint);
    }

    /**
     * Returns the URL scraped.
     *
     * @return the endpoint's {@code /metrics}
     */
    public String url() {
        return transport.endpoint().resolve(PATH).toString();
    }

    /**
     * Fetches the metrics text.
     *
     * @return the body of {@code GET /metrics}, answered with HTTP 200
     * @throws GantryException when node_exporter cannot be reached, does not answer within the
     *     endpoint's timeout, answers more than its size limit or with another status
     */
    public String text() {
        HttpTransport.Answer answer;
        try {
            answer = transport.get(PATH);
        } catch (HttpTransport.BodyTooLargeException e) {
            throw new GantryException("GET " + url() + ": " + e.getMessage()
                    + "; raise it with HttpEndpoint.withMaxBodyBytes", e);
        } catch (InterruptedIOException e) {
            throw new GantryException("GET " + url() + " did not answer within " + transport.endpoint().timeout()
                    + "; check that node_exporter runs and the port is reachable", e);
        } catch (IOException e) {
            throw new GantryException("GET " + url() + " failed: " + e + "; check that node_exporter runs and the"
                    + " port is reachable", e);
        }
        if (answer.status() != 200) {
            throw new GantryException("GET " + url() + " answered HTTP " + answer.status() + " with "
                    + answer.describe() + "; expected 200 with node_exporter metrics (is it node_exporter?)");
        }
        return answer.body();
    }

    /**
     * Fetches the metrics and reads the md arrays and btrfs data profiles in them.
     *
     * @return the arrays, as {@link NodeExporterMd#parse(String, String)} returns them
     * @throws GantryException as {@link #text()}
     * @throws dev.gantry.core.ParseException when the answer is not the Prometheus text format
     */
    public List<RaidArray> arrays() {
        return NodeExporterMd.parse(text(), url());
    }

    /**
     * Fetches the metrics and returns them as a node's facts, unreadable metrics as a note.
     *
     * @param host the node the endpoint belongs to
     * @return the facts, the body under {@code GET <url>} in {@link NodeFacts#outputs()}
     * @throws GantryException as {@link #text()}
     */
    public NodeFacts facts(Host host) {
        Objects.requireNonNull(host, "host");
        return NodeFacts.fromNodeExporter(host, text(), "GET " + url());
    }

    /** Returns the URL scraped, for people. */
    @Override
    public String toString() {
        return "NodeExporterScrape[" + url() + "]";
    }
}
