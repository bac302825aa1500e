package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.Programs;
import dev.gantry.test.harness.Readiness;
import dev.gantry.test.harness.RealProcess;
import dev.gantry.test.harness.RealProcesses;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real btrfs RAID0 over two loop devices (btrfs-progs, as in shared/research/real-components.md
 * section 7), read through the parsers, {@link NodeFacts} and node_exporter's btrfs collector.
 * Cleans up in {@link #cleanUp()} even when setup or a test fails: unmounts, detaches only the loop
 * devices this class attached (by name), deletes the image files.
 */
class BtrfsRaid0IT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    private static final Logger log = LoggerFactory.getLogger(BtrfsRaid0IT.class);
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final long IMAGE_BYTES = 256L * 1024 * 1024;
    private static final ProcessExecutor LOCAL = new ProcessExecutor();

    private static final List<String> loops = new ArrayList<>();
    private static Path work;
    private static Path mountpoint;
    private static boolean mounted;

    @BeforeAll
    static void createAndMountRaid0() throws IOException {
        Programs.require("mkfs.btrfs", "btrfs-progs");
        Programs.require("btrfs", "btrfs-progs");
        Programs.require("losetup", "mount");
        Path root = Path.of(System.getProperty("gantry.it.work", "target/it-work")).toAbsolutePath();
        Files.createDirectories(root);
        work = Files.createTempDirectory(root, "btrfs-raid0-");
        mountpoint = Files.createDirectory(work.resolve("mnt"));
        for (String name : List.of("d1.img", "d2.img")) {
            Path image = work.resolve(name);
            try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
                file.setLength(IMAGE_BYTES);
            }
            ExecResult attached = run("losetup", "--find", "--show", image.toString());
            Assumptions.assumeTrue(attached.ok(), () -> "the kernel refused a loop device (losetup exit "
                    + attached.exit() + ": " + attached.stderr().strip() + "); needs root and loop support");
            loops.add(attached.stdout().strip());
        }
        ExecResult mkfs = run("mkfs.btrfs", "-f", "-d", "raid0", "-m", "raid1", loops.get(0), loops.get(1));
        assertThat(mkfs.exit()).as("mkfs.btrfs: %s", mkfs.stderr()).isZero();
        ExecResult mount = run("mount", "-t", "btrfs", loops.get(0), mountpoint.toString());
        Assumptions.assumeTrue(mount.ok(), () -> "the kernel refused to mount btrfs (mount exit " + mount.exit()
                + ": " + mount.stderr().strip() + "); needs root and btrfs support");
        mounted = true;
        Files.write(mountpoint.resolve("payload"), new byte[8 * 1024 * 1024]);
        assertThat(run("btrfs", "filesystem", "sync", mountpoint.toString()).exit()).isZero();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (mounted) {
            log.info("umount {}: exit {}", mountpoint, run("umount", mountpoint.toString()).exit());
        }
        for (String loop : loops) {
            log.info("losetup -d {}: exit {}", loop, run("losetup", "-d", loop).exit());
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void dfTextAndShowGiveOneRaid0OverBothLoopDevices() {
        List<RaidArray> arrays = BtrfsUsage.parse(btrfs("filesystem", "df", "-b"), btrfs("filesystem", "show"));

        assertThat(arrays).singleElement().satisfies(data -> {
            assertThat(data.name()).matches("btrfs:[0-9a-f-]{36}:data");
            assertThat(data.level()).isEqualTo("raid0");
            assertThat(data.state()).isEqualTo("active");
            assertThat(data.sizeBytes()).isPositive();
            assertThat(data.members()).extracting(RaidMember::device).containsExactlyElementsOf(loops);
            assertThat(data.members()).allSatisfy(m -> assertThat(m.sizeBytes()).isEqualTo(IMAGE_BYTES));
        });
    }

    @Test
    void jsonDfAndRawShowGiveTheSameArrayAsText() {
        List<RaidArray> fromText = BtrfsUsage.parse(btrfs("filesystem", "df", "-b"), btrfs("filesystem", "show", "--raw"));
        List<RaidArray> fromJson = BtrfsUsage.parse(btrfs("--format", "json", "filesystem", "df"),
                btrfs("filesystem", "show"));

        assertThat(fromJson).isEqualTo(fromText);
    }

    @Test
    void nodeFactsFindsTheRaid0ThroughTheMountTable() {
        String name = BtrfsUsage.parse(btrfs("filesystem", "df", "-b"), btrfs("filesystem", "show")).get(0).name();

        NodeFacts facts = NodeFacts.collect(Host.local(), LOCAL);

        assertThat(facts.array(name)).hasValueSatisfying(data -> {
            assertThat(data.level()).isEqualTo("raid0");
            assertThat(data.members()).extracting(RaidMember::device).containsExactlyElementsOf(loops);
        });
        assertThat(facts.notes()).extracting(FactNote::kind).doesNotContain(FactNote.Kind.UNREADABLE);
    }

    @Test
    void nodeExporterReportsTheRaid0FromSysfs() {
        String name = BtrfsUsage.parse(btrfs("filesystem", "df", "-b"), btrfs("filesystem", "show")).get(0).name();
        Path exporter = Programs.require("prometheus-node-exporter", "prometheus-node-exporter");
        int port = LoopbackPorts.allocate();
        URI metrics = URI.create("http://" + LoopbackPorts.HOST + ":" + port + "/metrics");
        processes.start(RealProcess.builder("node-exporter-btrfs")
                .command(exporter.toString(), "--collector.disable-defaults", "--collector.btrfs",
                        "--web.disable-exporter-metrics", "--web.listen-address=" + LoopbackPorts.HOST + ":" + port)
                .readiness(Readiness.httpOk(metrics), Duration.ofSeconds(60)));

        String text = scrape(metrics); // over HTTP in production: gantry-health's NodeExporterScrape
        List<RaidArray> arrays = NodeExporterMd.parse(text, metrics.toString());

        assertThat(arrays).filteredOn(a -> a.name().equals(name)).singleElement().satisfies(data -> {
            assertThat(data.level()).isEqualTo("raid0");
            assertThat(data.sizeBytes()).isPositive();
            assertThat(data.members()).extracting(RaidMember::device).containsExactlyInAnyOrderElementsOf(loops);
        });
        assertThat(NodeFacts.fromNodeExporter(Host.local(), text, "GET " + metrics).array(name))
                .hasValueSatisfying(data -> assertThat(data.level()).isEqualTo("raid0"));
    }

    private static String scrape(URI metrics) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("GET %s", metrics).isEqualTo(200);
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String btrfs(String... args) {
        List<String> argv = new ArrayList<>(List.of("btrfs"));
        argv.addAll(List.of(args));
        argv.add(mountpoint.toString());
        ExecResult result = LOCAL.exec(Host.local(), argv, COMMAND);
        assertThat(result.exit()).as("%s: %s", argv, result.stderr()).isZero();
        return result.stdout();
    }

    private static ExecResult run(String... argv) {
        return LOCAL.exec(Host.local(), List.of(argv), COMMAND);
    }
}
