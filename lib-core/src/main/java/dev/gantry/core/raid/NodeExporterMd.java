package dev.gantry.core.raid;

import java.util.List;

/**
 * Reads md arrays (and btrfs data profiles) from the metrics of Prometheus' node_exporter.
 *
 * <pre>{@code
 * List<RaidArray> arrays = NodeExporterMd.parse(metricsText);   // over HTTP: gantry-health's NodeExporterScrape
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
}
