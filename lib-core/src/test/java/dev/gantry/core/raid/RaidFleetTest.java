package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import dev.gantry.core.exec.ExecException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RaidFleetTest {

    private static final String MD0 = Fixtures.read("raid/lsblk/md0-raid0-sysroot-2.38.json");

    /** A stand-in for RaidCheck: passes a node with an md raid0 of two members, fails any other. */
    private static final BiFunction<String, List<RaidArray>, Report> TWO_DISK_RAID0 = (node, arrays) ->
            arrays.stream().anyMatch(a -> a.level().equals("raid0") && a.members().size() == 2)
                    ? Report.of(Finding.pass("RAID-LEVEL-OK", node, "raid0 over 2 disks"))
                    : Report.of(Finding.fail("RAID-MISSING", node, "no raid0 over 2 disks", "build one"));

    private static List<Host> hosts(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> Host.of("worker-" + i, "10.0.2." + i)).toList();
    }

    /** Answers lsblk per host address; every other command is missing. */
    private static HostExecutor byHost(Map<String, String> lsblkByAddress) {
        return new HostExecutor() {
            @Override
            public ExecResult exec(Host host, List<String> argv, Duration timeout) {
                String lsblk = lsblkByAddress.get(host.address());
                if (argv.equals(NodeFactsCollector.LSBLK) && lsblk != null) {
                    return new ExecResult(0, lsblk, "", Duration.ZERO);
                }
                return new ExecResult(127, "", argv.get(0) + ": command not found", Duration.ZERO);
            }

            @Override
            public void upload(Host host, String path, byte[] content, int mode) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void combinesEveryNodesReportInHostOrder() {
        List<Host> hosts = hosts(3);
        HostExecutor executor = byHost(Map.of("10.0.2.1", MD0, "10.0.2.2", "{\"blockdevices\": []}", "10.0.2.3", MD0));

        Report report = RaidFleet.ofDefaults().check(hosts, executor, TWO_DISK_RAID0);

        assertThat(report.title()).hasValue("RAID layout of 3 nodes");
        assertThat(report.bySeverity(Severity.PASS)).extracting(Finding::subject).containsExactly("worker-1", "worker-3");
        assertThat(report.failures()).extracting(Finding::subject, Finding::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("worker-2", "RAID-MISSING"));
        assertThat(report.bySeverity(Severity.INFO)).extracting(Finding::code).containsOnly("RAID-SOURCE-MISSING");
    }

    @Test
    void turnsAnUnreachableNodeIntoAFailFinding() {
        HostExecutor executor = new HostExecutor() {
            @Override
            public ExecResult exec(Host host, List<String> argv, Duration timeout) {
                if (host.name().equals("worker-2")) {
                    throw new ExecException("ssh: connect to host 10.0.2.2 port 22: Connection refused");
                }
                return byHost(Map.of("10.0.2.1", MD0)).exec(host, argv, timeout);
            }

            @Override
            public void upload(Host host, String path, byte[] content, int mode) {
                throw new UnsupportedOperationException();
            }
        };

        Report report = RaidFleet.ofDefaults().check(hosts(2), executor, TWO_DISK_RAID0);

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("RAID-NODE-UNREACHABLE");
            assertThat(f.subject()).isEqualTo("worker-2");
            assertThat(f.message()).contains("Connection refused");
            assertThat(f.remedy()).contains("root@10.0.2.2");
        });
        assertThat(report.bySeverity(Severity.PASS)).extracting(Finding::subject).containsExactly("worker-1");
    }

    @Test
    void failsANodeThatDoesNotFinishInTimeAndInterruptsIt() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        HostExecutor executor = new HostExecutor() {
            @Override
            public ExecResult exec(Host host, List<String> argv, Duration timeout) {
                if (host.name().equals("worker-1")) {
                    try {
                        new CountDownLatch(1).await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw new ExecException("interrupted", e);
                    }
                }
                return byHost(Map.of("10.0.2.2", MD0)).exec(host, argv, timeout);
            }

            @Override
            public void upload(Host host, String path, byte[] content, int mode) {
                throw new UnsupportedOperationException();
            }
        };

        Report report = RaidFleet.ofDefaults().withNodeTimeout(Duration.ofMillis(300)).check(hosts(2), executor,
                TWO_DISK_RAID0);

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("RAID-NODE-UNREACHABLE");
            assertThat(f.subject()).isEqualTo("worker-1");
            assertThat(f.message()).contains("did not finish within");
        });
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void collectsNoMoreNodesAtOnceThanItsParallelism() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        CountDownLatch twoRunning = new CountDownLatch(2);
        HostExecutor executor = new HostExecutor() {
            @Override
            public ExecResult exec(Host host, List<String> argv, Duration timeout) {
                if (!argv.equals(NodeFactsCollector.LSBLK)) {
                    return new ExecResult(127, "", "", Duration.ZERO);
                }
                int now = running.incrementAndGet();
                most.accumulateAndGet(now, Math::max);
                seen.put(host.name(), true);
                twoRunning.countDown();
                try {
                    twoRunning.await(5, TimeUnit.SECONDS);
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                return new ExecResult(0, MD0, "", Duration.ZERO);
            }

            @Override
            public void upload(Host host, String path, byte[] content, int mode) {
                throw new UnsupportedOperationException();
            }
        };

        Report report = RaidFleet.ofDefaults().withParallelism(2).check(hosts(6), executor, TWO_DISK_RAID0);

        assertThat(most.get()).isEqualTo(2);
        assertThat(seen).hasSize(6);
        assertThat(report.ok()).isTrue();
    }

    @Test
    void turnsACheckThatThrowsIntoAFailFinding() {
        Report report = RaidFleet.ofDefaults().check(hosts(1), byHost(Map.of()), (node, arrays) -> {
            throw new IllegalStateException("policy has no level");
        });

        assertThat(report.failures()).extracting(Finding::code).containsExactly("RAID-CHECK-ERROR");
        assertThat(report.failures().get(0).message()).contains("policy has no level");
    }

    @Test
    void givesAnEmptyReportForNoHosts() {
        Report report = RaidFleet.ofDefaults().check(List.of(), byHost(Map.of()), TWO_DISK_RAID0);

        assertThat(report.findings()).isEmpty();
        assertThat(report.title()).hasValue("RAID layout of 0 nodes");
    }

    @Test
    void rejectsSettingsOutOfRange() {
        assertThatThrownBy(() -> RaidFleet.ofDefaults().withParallelism(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> RaidFleet.ofDefaults().withNodeTimeout(Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> RaidFleet.ofDefaults().withNodeTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeTimeout");
        assertThat(RaidFleet.ofDefaults()).isEqualTo(new RaidFleet(8, Duration.ofMinutes(2), Duration.ofSeconds(30)));
    }
}
