package dev.gantry.core.raid;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import dev.gantry.core.internal.Checks;
import dev.gantry.core.internal.FanOut;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the RAID layout of many nodes at once: collects each node's {@link NodeFacts}, applies a
 * check to its arrays, and returns one combined {@link Report}.
 *
 * <pre>{@code
 * Report report = RaidFleet.ofDefaults().check(hosts, ssh, policy::check);
 * Report slow = RaidFleet.ofDefaults().withParallelism(4).withNodeTimeout(Duration.ofMinutes(5))
 *         .check(hosts, ssh, policy::check);
 * report.print().orThrow();
 * }</pre>
 *
 * <p>Nodes are collected concurrently, at most {@link #parallelism()} at a time (default {@value
 * #DEFAULT_PARALLELISM}), on threads that this fleet starts and stops within each call. A node's
 * {@link #nodeTimeout()} (default 2 minutes) counts from when its collection starts; each command on
 * it is limited to {@link #commandTimeout()} (default 30 seconds). A node that cannot be reached,
 * whose commands time out, or that does not finish in time is a {@code RAID-NODE-UNREACHABLE} FAIL
 * finding, never an exception; a check that throws is a {@code RAID-CHECK-ERROR} FAIL finding. Each
 * node's findings are followed by its {@link NodeFacts#report() notes}, nodes in the order given.
 * The whole call ends at the latest after {@code nodeTimeout × ⌈nodes ÷ parallelism⌉ +
 * nodeTimeout}, even with an executor that ignores its timeouts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param parallelism how many nodes are collected at once; 1 to 256
 * @param nodeTimeout how long one node's collection and check may take; positive, at most a day
 * @param commandTimeout how long each command on a node may run; positive, at most a day
 */
public record RaidFleet(int parallelism, Duration nodeTimeout, Duration commandTimeout) {

    /** The default number of nodes collected at once. */
    public static final int DEFAULT_PARALLELISM = 8;

    /** The default time one node may take: 2 minutes. */
    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(RaidFleet.class);
    private static final int MAX_PARALLELISM = 256;
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    /** Checks the settings. */
    public RaidFleet {
        Checks.between(parallelism, 1, MAX_PARALLELISM, "parallelism");
        Checks.positive(nodeTimeout, MAX_TIMEOUT, "nodeTimeout");
        Checks.positive(commandTimeout, MAX_TIMEOUT, "commandTimeout");
    }

    /**
     * Returns a fleet with 8 nodes at a time, 2 minutes per node and 30 seconds per command.
     *
     * @return a fleet with 8 nodes at a time, 2 minutes per node and 30 seconds per command
     */
    public static RaidFleet ofDefaults() {
        return new RaidFleet(DEFAULT_PARALLELISM, DEFAULT_NODE_TIMEOUT, NodeFacts.DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * A copy that collects this many nodes at once.
     *
     * @param value how many nodes to collect at once, 1 to 256
     * @return a copy with that parallelism
     */
    public RaidFleet withParallelism(int value) {
        return new RaidFleet(value, nodeTimeout, commandTimeout);
    }

    /**
     * A copy with another time limit per node.
     *
     * @param value how long one node may take
     * @return a copy with that node timeout
     */
    public RaidFleet withNodeTimeout(Duration value) {
        return new RaidFleet(parallelism, value, commandTimeout);
    }

    /**
     * A copy with another time limit per command.
     *
     * @param value how long each command may run
     * @return a copy with that command timeout
     */
    public RaidFleet withCommandTimeout(Duration value) {
        return new RaidFleet(parallelism, nodeTimeout, value);
    }

    /**
     * Checks every node with these settings.
     *
     * @param hosts the nodes
     * @param executor how to run commands on them
     * @param check the check for one node's arrays, such as {@code policy::check}; gets the node's name
     * @return the combined report, titled {@code RAID layout of N nodes}
     */
    public Report check(List<Host> hosts, HostExecutor executor, BiFunction<String, List<RaidArray>, Report> check) {
        List<Host> nodes = List.copyOf(hosts);
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(check, "check");
        String title = "RAID layout of " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes");
        if (nodes.isEmpty()) {
            return Report.empty().withTitle(title);
        }
        List<FanOut.Outcome<Report>> outcomes = FanOut.of(parallelism, nodeTimeout)
                .withThreadName("gantry-raid-fleet").map(nodes, host -> node(host, executor, check));
        Report combined = Report.empty();
        for (int i = 0; i < nodes.size(); i++) {
            combined = combined.and(outcome(nodes.get(i), outcomes.get(i)));
        }
        return combined.withTitle(title);
    }

    private Report node(Host host, HostExecutor executor, BiFunction<String, List<RaidArray>, Report> check) {
        NodeFacts facts;
        try {
            facts = NodeFacts.collect(host, executor, commandTimeout);
        } catch (RuntimeException e) {
            log.warn("{} ({}) cannot be read: {}", host.name(), host.address(), e.getMessage());
            return Report.of(unreachable(host, e.getMessage()));
        }
        Report checked;
        try {
            checked = Objects.requireNonNull(check.apply(host.name(), facts.arrays()), "the check returned null");
        } catch (RuntimeException e) {
            checked = Report.of(Finding.fail("RAID-CHECK-ERROR", host.name(), "the check threw " + e,
                    "fix the check; checks should return findings, not throw"));
        }
        return checked.and(facts.report());
    }

    private Report outcome(Host host, FanOut.Outcome<Report> outcome) {
        if (outcome instanceof FanOut.Outcome.Done<Report> done) {
            return done.value();
        }
        String why = outcome instanceof FanOut.Outcome.TimedOut ? "did not finish within " + nodeTimeout
                : outcome instanceof FanOut.Outcome.Failed<Report> failed ? failed.cause().toString()
                : "not collected before the fleet's deadline (" + nodeTimeout + " per node, " + parallelism
                        + " at a time)";
        return Report.of(unreachable(host, why));
    }

    private static Finding unreachable(Host host, String why) {
        return Finding.fail("RAID-NODE-UNREACHABLE", host.name(), host.name() + " (" + host.address()
                + ") could not be read: " + why, "check that the host is up and reachable (ssh -p "
                + host.ssh().port() + " " + host.ssh().user() + "@" + host.address() + "), then run the check again");
    }
}
