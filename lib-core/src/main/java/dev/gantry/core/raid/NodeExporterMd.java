package dev.gantry.core.raid;

import dev.gantry.core.GantryException;
import dev.gantry.core.internal.Checks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads md arrays (and btrfs data profiles) from the metrics of Prometheus' node_exporter.
 *
 * <pre>{@code
 * List<RaidArray> arrays = NodeExporterMd.fetch(URI.create("http://10.0.2.21:9100/metrics"),
 *         Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>md arrays (mdadm collector): one per {@code device} of {@code node_md_state}, {@code
 * node_md_disks}, {@code node_md_disks_required}, {@code node_md_blocks}, {@code
 * node_md_blocks_synced}, and of node_exporter 1.10's sysfs gauges {@code node_md_raid_disks} and
 * {@code node_md_degraded}. The state is {@code active} or {@code inactive} ({@code unknown} for an
 * array without {@code node_md_state}); a {@code resync},
 * {@code recovering} or {@code check} state of 1 is a running {@link SyncProgress} ({@code resync},
 * {@code recovery}, {@code check}) at blocks synced ÷ blocks; the size is blocks × 1 KiB.
 * node_exporter exports <em>counts</em> of members, not their names, and no RAID level, chunk size
 * or {@code array_state}: members are named {@code md0/active-0}, {@code md0/failed-0}, {@code
 * md0/spare-0}, and the required slots that no active member fills ({@code node_md_disks_required}
 * less {@code node_md_disks{state="active"}}, the n − m of mdstat's {@code [n/m]}; a failed member
 * fills none) are {@linkplain RaidMember#missingSlot(int) missing slots}, as {@link MdStat} gives
 * them. An array seen only through the sysfs gauges has {@code node_md_raid_disks} − {@code
 * node_md_degraded} active members and {@code node_md_degraded} missing slots. The level is {@code
 * unknown} and the chunk 0. A RAID-0 whose member vanished still looks healthy here (the
 * kernel's only signal, {@code array_state=broken}, is not exported); use {@link NodeFacts} for
 * that.
 *
 * <p>btrfs (btrfs collector, read when present): one array per {@code uuid} and {@code mode} of
 * {@code node_btrfs_allocation_ratio{block_group_type="data"}}, named {@code btrfs:<uuid>:data},
 * level the mode, size {@code node_btrfs_size_bytes}, members {@code /dev/<device>} of {@code
 * node_btrfs_device_size_bytes}.
 *
 * <p>Stateless and thread-safe.
 */
public final class NodeExporterMd {

    /** The source name used by {@link #parse(String)}. */
    public static final String DEFAULT_SOURCE = "node_exporter metrics";

    private static final int MAX_BODY = Input.MAX_CHARS;

    private NodeExporterMd() {}

    /**
     * Reads node_exporter's metrics text, naming it {@value #DEFAULT_SOURCE} in errors.
     *
     * @param metricsText the body of {@code GET /metrics}
     * @return the md arrays sorted by device, then the btrfs data profiles; empty when none
     * @throws dev.gantry.core.ParseException when the text is not the Prometheus text format
     */
    public static List<RaidArray> parse(String metricsText) {
        return parse(metricsText, DEFAULT_SOURCE);
    }

    /**
     * Reads node_exporter's metrics text.
     *
     * @param metricsText the body of {@code GET /metrics}
     * @param sourceName where it came from, for errors, such as the URL
     * @return the md arrays sorted by device, then the btrfs data profiles; empty when none
     * @throws dev.gantry.core.ParseException when the text is not the Prometheus text format; it
     *     names the source, the line and the text
     */
    public static List<RaidArray> parse(String metricsText, String sourceName) {
        Input.require(metricsText, sourceName, PromText.EXPECTED);
        return new NodeExporterReader(sourceName, PromText.samples(metricsText, sourceName,
                List.of("node_md_", "node_btrfs_"))).arrays();
    }

    /**
     * Fetches node_exporter's metrics over HTTP and reads them.
     *
     * @param metricsUrl the metrics URL, such as {@code http://10.0.2.21:9100/metrics}
     * @param timeout the longest the connection and the whole request may take, each
     * @return the arrays, as {@link #parse(String, String)} returns them
     * @throws GantryException when the endpoint cannot be reached, does not answer in time, or
     *     answers other than 200
     * @throws dev.gantry.core.ParseException when the answer is not the Prometheus text format
     */
    public static List<RaidArray> fetch(URI metricsUrl, Duration timeout) {
        Objects.requireNonNull(metricsUrl, "metricsUrl");
        Checks.positive(timeout, "timeout");
        return parse(fetchText(metricsUrl, timeout), metricsUrl.toString());
    }

    /** @return the body of {@code GET metricsUrl}, answered with 200 within the timeout */
    static String fetchText(URI url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("Accept", "text/plain;version=0.0.4").build();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new GantryException("GET " + url + " answered HTTP " + response.statusCode()
                        + "; expected 200 with node_exporter metrics (is it node_exporter's /metrics?)");
            }
            if (response.body().length > MAX_BODY) {
                throw new GantryException("GET " + url + " answered " + response.body().length + " bytes, more"
                        + " than " + MAX_BODY + "; expected node_exporter metrics");
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new GantryException("GET " + url + " did not answer within " + timeout
                    + "; check that node_exporter runs and the port is reachable", e);
        } catch (ExecutionException e) {
            throw new GantryException("GET " + url + " failed: " + e.getCause() + "; check that node_exporter"
                    + " runs and the port is reachable", e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new GantryException("interrupted while fetching " + url, e);
        }
    }
}
