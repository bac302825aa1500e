package dev.gantry.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.core.GantryException;
import dev.gantry.core.exec.Host;
import dev.gantry.core.raid.FactNote;
import dev.gantry.core.raid.NodeFacts;
import dev.gantry.core.raid.RaidArray;
import dev.gantry.health.HttpEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeExporterScrapeTest {

    // The shape node_exporter 1.x's mdadm collector exports (node_exporter collector/mdadm_linux.go).
    private static final String METRICS = """
            # HELP node_md_disks Number of active/failed/spare disks of device.
            # TYPE node_md_disks gauge
            node_md_disks{device="md0",state="active"} 2
            node_md_disks{device="md0",state="failed"} 0
            node_md_disks{device="md0",state="spare"} 0
            # TYPE node_md_disks_required gauge
            node_md_disks_required{device="md0"} 2
            # TYPE node_md_state gauge
            node_md_state{device="md0",state="active"} 1
            node_md_state{device="md0",state="inactive"} 0
            node_md_state{device="md0",state="recovering"} 0
            node_md_state{device="md0",state="resync"} 0
            node_md_state{device="md0",state="check"} 0
            # TYPE node_md_blocks gauge
            node_md_blocks{device="md0"} 1953258496
            node_md_blocks_synced{device="md0"} 1953258496
            """;

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stopServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void scrapesMetricsThroughTheSharedClientAndReadsTheArrays() throws IOException {
        NodeExporterScrape scrape = NodeExporterScrape.of(serve(200, METRICS, false));

        assertThat(scrape.arrays()).extracting(RaidArray::name).containsExactly("md0");
        assertThat(scrape.url()).endsWith("/metrics");
    }

    @Test
    void givesNodeFactsWithTheBodyUnderTheRequest() throws IOException {
        NodeExporterScrape scrape = NodeExporterScrape.of(serve(200, METRICS, false));

        NodeFacts facts = scrape.facts(Host.of("worker-3", "10.0.2.23"));

        assertThat(facts.arrays()).extracting(RaidArray::name).containsExactly("md0");
        assertThat(facts.outputs()).containsEntry("GET " + scrape.url(), METRICS);
    }

    @Test
    void notesMetricsThatCannotBeRead() throws IOException {
        NodeFacts facts = NodeExporterScrape.of(serve(200, "<html>login</html>\n", false))
                .facts(Host.of("worker-3", "10.0.2.23"));

        assertThat(facts.arrays()).isEmpty();
        assertThat(facts.notes()).singleElement().extracting(FactNote::kind).isEqualTo(FactNote.Kind.UNREADABLE);
    }

    @Test
    void reportsAnErrorStatusAsAnActionableException() throws IOException {
        NodeExporterScrape scrape = NodeExporterScrape.of(serve(503, "busy", false));

        assertThatThrownBy(scrape::arrays).isInstanceOf(GantryException.class).hasMessageContaining("HTTP 503")
                .hasMessageContaining(scrape.url());
    }

    @Test
    void givesUpOnAnEndpointThatDoesNotAnswerInTime() throws IOException {
        NodeExporterScrape scrape = NodeExporterScrape.of(serve(200, METRICS, true)
                .withTimeout(Duration.ofMillis(300)));

        assertThatThrownBy(scrape::text).isInstanceOf(GantryException.class)
                .hasMessageContaining("did not answer within");
    }

    @Test
    void refusesAnAnswerLargerThanTheEndpointAllows() throws IOException {
        NodeExporterScrape scrape = NodeExporterScrape.of(serve(200, METRICS, false).withMaxBodyBytes(64));

        assertThatThrownBy(scrape::text).isInstanceOf(GantryException.class)
                .hasMessageContaining("larger than 64 bytes").hasMessageContaining("withMaxBodyBytes");
    }

    @Test
    void reportsARefusedConnection() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        NodeExporterScrape scrape = NodeExporterScrape.of(HttpEndpoint.of("http://127.0.0.1:" + port));

        assertThatThrownBy(scrape::text).isInstanceOf(GantryException.class).hasMessageContaining("node_exporter");
    }

    private HttpEndpoint serve(int status, String body, boolean hang) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            if (hang) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return HttpEndpoint.of("http://127.0.0.1:" + server.getAddress().getPort()).withTimeout(Duration.ofSeconds(10));
    }
}
