package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.Programs;
import dev.gantry.test.harness.Readiness;
import dev.gantry.test.harness.RealProcess;
import dev.gantry.test.harness.RealProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test: each mdstat fixture goes to a real prometheus-node-exporter (Debian package,
 * 1.5.0 on the build machine; flags from shared/research/real-components.md section 5) as its
 * {@code /proc/mdstat}, and Gantry's parse must agree with every array it exports:
 * {@code node_md_blocks}, {@code node_md_disks{state=active|failed|spare}}, {@code
 * node_md_disks_required} and {@code node_md_state}.
 *
 * <p>The mapping, from node_exporter's collector (procfs {@code MDStat}): an inactive array has 0
 * active and 0 required disks; active = Gantry's ACTIVE members; required = ACTIVE + REBUILDING +
 * missing slots; the state is {@code recovering}, {@code resync} (also while DELAYED or PENDING) or
 * {@code check} from the sync line, {@code inactive}, else {@code active} (read-only and reshape
 * included). Arrays Gantry keeps as {@code unknown} must still be listed by node_exporter.
 *
 * <p>node_exporter 1.5.0 fails the whole file for two fixtures, which Gantry reads: its own fixture
 * (md8's tab-indented progress line) and the md-cluster {@code =REMOTE} lines. That is asserted
 * too, so a node_exporter upgrade that fixes it shows up here.
 */
class MdStatNodeExporterIT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern SAMPLE = Pattern.compile("(node_md_\\w+|node_scrape_collector_success)\\{([^}]*)\\} (\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final List<String> STATES = List.of("active", "inactive", "recovering", "resync", "check");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static java.nio.file.Path exporter;

    @BeforeAll
    static void findExporter() {
        exporter = Programs.require("prometheus-node-exporter", "prometheus-node-exporter");
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(Arguments.of("procfs-fixture", true), Arguments.of("raid0-healthy", true),
                Arguments.of("odd-array", true), Arguments.of("node-exporter-fixture", false),
                Arguments.of("flags-and-remote", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void gantryAgreesWithNodeExporterOnEveryArrayItReports(String fixture, boolean exporterParses) throws Exception {
        String mdstat = Fixtures.mdstat(fixture);
        Map<String, Map<String, Double>> metrics = scrape(mdstat);
        List<RaidArray> arrays = MdStat.parse(mdstat, fixture);

        assertThat(metrics.get("collector").get("success")).isEqualTo(exporterParses ? 1.0 : 0.0);
        metrics.remove("collector");
        if (exporterParses) {
            assertThat(metrics.keySet()).containsExactlyInAnyOrderElementsOf(
                    arrays.stream().map(RaidArray::name).toList());
        } else {
            assertThat(metrics).isEmpty();
            assertThat(arrays).isNotEmpty().allSatisfy(a -> assertThat(a.state()).isNotEqualTo("unknown"));
        }
        List<RaidArray> readable = arrays.stream().filter(a -> !a.state().equals("unknown")).toList();
        if (exporterParses) {
            readable.forEach(a -> assertAgrees(a, metrics.get(a.name())));
        }
    }

    private static void assertAgrees(RaidArray array, Map<String, Double> exported) {
        boolean inactive = array.state().equals("inactive");
        long active = count(array, MemberRole.ACTIVE);
        long required = active + count(array, MemberRole.REBUILDING)
                + array.members().stream().filter(RaidMember::missing).count();
        String name = array.name();
        assertThat(exported.get("blocks")).as(name + " blocks").isEqualTo((double) (array.sizeBytes() / 1024));
        assertThat(exported.get("disks:active")).as(name + " active disks").isEqualTo(inactive ? 0.0 : active);
        assertThat(exported.get("disks:failed")).as(name + " failed disks")
                .isEqualTo((double) count(array, MemberRole.FAULTY));
        assertThat(exported.get("disks:spare")).as(name + " spare disks")
                .isEqualTo((double) count(array, MemberRole.SPARE));
        assertThat(exported.get("disks_required")).as(name + " required disks").isEqualTo(inactive ? 0.0 : required);
        String state = expectedState(array);
        for (String s : STATES) {
            assertThat(exported.get("state:" + s)).as(name + " state " + s).isEqualTo(s.equals(state) ? 1.0 : 0.0);
        }
    }

    private static String expectedState(RaidArray array) {
        if (array.state().equals("inactive")) {
            return "inactive";
        }
        return switch (array.sync().map(SyncProgress::action).orElse("")) {
            case "recovery" -> "recovering";
            case "resync" -> "resync";
            case "check" -> "check";
            default -> "active";
        };
    }

    private static long count(RaidArray array, MemberRole role) {
        return array.members().stream().filter(m -> m.role() == role && !m.missing()).count();
    }

    /** Runs node_exporter over the text and returns device → metric[:state] → value. */
    private static Map<String, Map<String, Double>> scrape(String mdstat) throws IOException, InterruptedException {
        int port = LoopbackPorts.allocate();
        URI metrics = URI.create("http://" + LoopbackPorts.HOST + ":" + port + "/metrics");
        RealProcess process = processes.start(RealProcess.builder("node-exporter")
                .file("proc/mdstat", mdstat)
                .file("sys/block/.keep", "")
                .commandInWorkDir(dir -> List.of(exporter.toString(),
                        "--path.procfs=" + dir.resolve("proc"),
                        "--path.sysfs=" + dir.resolve("sys"),
                        "--collector.disable-defaults", "--collector.mdadm",
                        "--web.listen-address=" + LoopbackPorts.HOST + ":" + port))
                .readiness(Readiness.httpOk(metrics), STARTUP));
        try {
            HttpRequest request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return samples(response.body());
        } finally {
            process.stop();
        }
    }

    private static Map<String, Map<String, Double>> samples(String body) {
        Map<String, Map<String, Double>> byDevice = new HashMap<>();
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(m.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (m.group(1).equals("node_scrape_collector_success")) {
                if ("mdadm".equals(labels.get("collector"))) {
                    byDevice.computeIfAbsent("collector", k -> new HashMap<>()).put("success",
                            Double.parseDouble(m.group(3)));
                }
                continue;
            }
            String key = m.group(1).substring("node_md_".length())
                    + (labels.containsKey("state") ? ":" + labels.get("state") : "");
            byDevice.computeIfAbsent(labels.get("device"), k -> new HashMap<>()).put(key, Double.parseDouble(m.group(3)));
        }
        return byDevice;
    }
}
