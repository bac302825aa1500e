package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import dev.gantry.core.Report;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import dev.gantry.core.internal.Checks;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The RAID layout of one node, collected by running read-only commands through a {@link
 * HostExecutor}: the arrays found, what could not be read, and the raw output of every command.
 *
 * <pre>{@code
 * NodeFacts facts = NodeFacts.collect(Host.of(inventory.machine("worker-3").orElseThrow()), ssh);
 * facts.arrays().forEach(System.out::println);
 * policy.check(facts.host().name(), facts.arrays()).and(facts.report()).print();
 * }</pre>
 *
 * <p>{@link #collect(Host, HostExecutor)} runs, each as an argument vector (never a shell string)
 * with a timeout:
 * <ol>
 *   <li>{@code cat /proc/mdstat}: read with {@link MdStat}; the md arrays, their members and any sync.
 *   <li>{@code lsblk -J -b -O}: md arrays and striped LVM volumes ({@link Lsblk}).
 *   <li>{@code grep -H . /sys/block/<md>/md/array_state /sys/block/<md>/md/chunk_size} for the md
 *       arrays lsblk shows: the array state replaces lsblk's {@code unknown}, so a RAID-0 that lost a
 *       member shows {@code broken} (which {@code /proc/mdstat} never says), and the chunk size
 *       replaces {@code min-io}.
 *   <li>{@code env LC_ALL=C lvs --reportformat json --units b --nosuffix -a -o
 *       lv_name,vg_name,segtype,stripes,stripe_size,lv_size,devices,lv_attr}: LVM volumes ({@link
 *       LvmReport}); they replace lsblk's view of the same {@code vg/lv}, as LVM knows the segment type.
 *   <li>{@code cat /proc/self/mounts}, then for each btrfs mount {@code btrfs --format json filesystem df
 *       <mnt>} (or {@code btrfs filesystem df -b <mnt>} where JSON is not supported) and {@code btrfs
 *       filesystem show --raw <mnt>}: btrfs data profiles ({@link BtrfsUsage}), once per filesystem.
 *       Mounts come from the kernel, not from lsblk's {@code FSTYPE}, which is empty without udev
 *       (containers).
 * </ol>
 *
 * <p>A tool that is missing (exit code 127 or "No such file or directory"), a command that fails and
 * output that cannot be parsed are not errors: each becomes a {@link FactNote}, and the other sources
 * are still read. Only a host that cannot be reached (the executor throws) ends the collection.
 *
 * @param host the node
 * @param arrays the arrays found, md and LVM first, then btrfs
 * @param notes what could not be read
 * @param outputs the standard output of every command that ran and exited 0, keyed by its command line
 */
public record NodeFacts(Host host, List<RaidArray> arrays, List<FactNote> notes, Map<String, String> outputs) {

    /** How long each command may run unless told otherwise: 30 seconds. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** Checks the fields and copies the collections. */
    public NodeFacts {
        Objects.requireNonNull(host, "host");
        arrays = List.copyOf(arrays);
        notes = List.copyOf(notes);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /**
     * Collects the node's RAID layout, each command limited to {@link #DEFAULT_COMMAND_TIMEOUT}.
     *
     * @param host the node
     * @param executor how to run commands on it
     * @return the facts
     * @throws dev.gantry.core.exec.ExecException when the host cannot be reached or a command does not
     *     end within its timeout
     */
    public static NodeFacts collect(Host host, HostExecutor executor) {
        return collect(host, executor, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * Collects the node's RAID layout.
     *
     * @param host the node
     * @param executor how to run commands on it
     * @param commandTimeout how long each command may run; positive
     * @return the facts
     * @throws dev.gantry.core.exec.ExecException when the host cannot be reached or a command does not
     *     end within its timeout
     */
    public static NodeFacts collect(Host host, HostExecutor executor, Duration commandTimeout) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(executor, "executor");
        Checks.positive(commandTimeout, "commandTimeout");
        return new NodeFactsCollector(host, executor, commandTimeout).collect();
    }

    /**
     * Reads a node's md arrays and btrfs data profiles from its node_exporter metrics text instead
     * of running commands; see {@link NodeExporterMd} for what node_exporter can and cannot tell (no
     * RAID level, no member names, no broken RAID-0). gantry-health's {@code NodeExporterScrape}
     * fetches the text over HTTP.
     *
     * <pre>{@code
     * NodeFacts facts = NodeFacts.fromNodeExporter(host, metricsText, "GET http://10.0.2.23:9100/metrics");
     * }</pre>
     *
     * @param host the node
     * @param metricsText the body of node_exporter's {@code /metrics}
     * @param source where the text came from, the key of {@link #outputs()}, such as {@code GET <url>}
     * @return the facts; metrics that cannot be parsed are an {@code UNREADABLE} note
     */
    public static NodeFacts fromNodeExporter(Host host, String metricsText, String source) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(metricsText, "metricsText");
        Objects.requireNonNull(source, "source");
        try {
            return new NodeFacts(host, NodeExporterMd.parse(metricsText, source), List.of(),
                    Map.of(source, metricsText));
        } catch (ParseException e) {
            return new NodeFacts(host, List.of(), List.of(new FactNote(host.name(), source,
                    FactNote.Kind.UNREADABLE, e.getMessage())), Map.of(source, metricsText));
        }
    }

    /**
     * Finds the first array of a name among the facts.
     *
     * @param name an array's name, such as {@code md0} or {@code vg0/data}
     * @return the first array of that name
     */
    public Optional<RaidArray> array(String name) {
        return arrays.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * Returns the notes as findings about the host ({@link FactNote#toFinding()}); empty when none.
     *
     * @return the notes as findings about the host ({@link FactNote#toFinding()}); empty when none
     */
    public Report report() {
        return Report.of(notes.stream().map(FactNote::toFinding).toList());
    }
}
