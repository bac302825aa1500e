package dev.gantry.health.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.etcd.EtcdClusterView;
import dev.gantry.core.etcd.EtcdMember;
import dev.gantry.core.etcd.QuorumGuard;
import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.Programs;
import dev.gantry.test.harness.Readiness;
import dev.gantry.test.harness.RealProcess;
import dev.gantry.test.harness.RealProcesses;
import dev.gantry.health.CheckResult;
import dev.gantry.health.Status;
import dev.gantry.health.HttpEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EtcdClusterCheck} and {@link QuorumGuard} against a real three-member etcd 3.4 cluster
 * (Debian {@code etcd-server}) on loopback, started with the flags recorded in
 * shared/research/real-components.md, section 2; members are killed with SIGKILL as a crash would.
 */
class EtcdClusterIT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    /** Generous: the machine runs other builds, and a cluster forms only once all three are up. */
    private static final Duration FORMING = Duration.ofSeconds(60);
    /** Generous too: a loaded member that answers late is not the unhealthy member these tests look for. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);

    private Path etcd;
    private final List<RealProcess> members = new ArrayList<>();
    private final List<HttpEndpoint> endpoints = new ArrayList<>();

    @BeforeEach
    void startThreeMembers() {
        etcd = Programs.require("etcd", "etcd-server");
        List<Integer> ports = LoopbackPorts.allocate(6);
        String cluster = IntStream.range(0, 3).mapToObj(i -> name(i) + "=" + peerUrl(ports, i))
                .collect(Collectors.joining(","));
        String token = "gantry-it-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            members.add(processes.start(member(i, ports, cluster, token)));
            endpoints.add(HttpEndpoint.of(clientUrl(ports, i)).withTimeout(CALL_TIMEOUT));
        }
    }

    @Test
    void aFreshClusterIsUpWithTheMembersEtcdctlLists() throws Exception {
        Path etcdctl = Programs.require("etcdctl", "etcd-client");
        try (EtcdClusterCheck check = EtcdClusterCheck.of(endpoints)) {
            CheckResult up = awaitStatus(check, Status.UP);

            assertThat(up.reason()).hasValue(EtcdClusterCheck.OK);
            assertThat(up.details()).containsEntry("members", 3).containsEntry("healthy", 3)
                    .containsEntry("quorum", 2).containsEntry("tolerates", 1);
            List<String> ids = check.read().members().stream().map(EtcdMember::idText).sorted().toList();
            assertThat(ids).isEqualTo(etcdctlMemberIds(etcdctl));
        }
    }

    @Test
    void losingOneMemberDegradesAndGuardsTheRestThenLosingTwoLosesQuorum() {
        try (EtcdClusterCheck check = EtcdClusterCheck.of(endpoints)) {
            awaitStatus(check, Status.UP);

            members.get(2).kill();
            CheckResult degraded = awaitStatus(check, Status.DEGRADED);

            assertThat(degraded.reason()).hasValue(EtcdClusterCheck.MEMBER_DOWN);
            assertThat(degraded.details()).containsEntry("healthy", 2).containsEntry("quorum", 2)
                    .containsEntry("tolerates", 0).containsEntry("unhealthy", "e3");
            QuorumGuard guard = QuorumGuard.of(awaitView(check, 2));
            EtcdMember e1 = guard.view().member("e1").orElseThrow();
            EtcdMember e3 = guard.view().member("e3").orElseThrow();
            assertThat(guard.canRemove(e1).allowed()).isFalse();
            assertThat(guard.canRemove(e1).code()).isEqualTo(QuorumGuard.QUORUM_AT_RISK);
            assertThat(guard.canRestart(e1).allowed()).isFalse();
            assertThat(guard.canRemove(e3).allowed()).as("removing the dead member first is safe").isTrue();

            members.get(1).kill();
            CheckResult lost = awaitStatus(check, Status.DOWN);

            assertThat(lost.reason()).hasValue(EtcdClusterCheck.QUORUM_LOST);
            assertThat(lost.details()).containsEntry("healthy", 0).containsEntry("quorum", 2);
        }
    }

    private RealProcess.Builder member(int i, List<Integer> ports, String cluster, String token) {
        String client = clientUrl(ports, i);
        String peer = peerUrl(ports, i);
        return RealProcess.builder("etcd-" + name(i))
                .commandInWorkDir(dir -> List.of(etcd.toString(),
                        "--name", name(i),
                        "--data-dir", dir.resolve("data").toString(),
                        "--listen-client-urls", client,
                        "--advertise-client-urls", client,
                        "--listen-peer-urls", peer,
                        "--initial-advertise-peer-urls", peer,
                        "--initial-cluster", cluster,
                        "--initial-cluster-state", "new",
                        "--initial-cluster-token", token))
                .readiness(Readiness.tcpPort(LoopbackPorts.HOST, ports.get(2 * i + 1)), FORMING);
    }

    /** Polls the check until it reports {@code status}; each check is itself bounded by the call timeout. */
    private static CheckResult awaitStatus(EtcdClusterCheck check, Status status) {
        AtomicReference<CheckResult> last = new AtomicReference<>();
        Awaitility.await("etcd check reports " + status)
                .atMost(FORMING).pollInterval(POLL).pollDelay(Duration.ZERO)
                .untilAsserted(() -> {
                    last.set(check.check());
                    assertThat(last.get().status()).as("last result: %s", last.get()).isEqualTo(status);
                });
        return last.get();
    }

    private static EtcdClusterView awaitView(EtcdClusterCheck check, int healthyVoting) {
        AtomicReference<EtcdClusterView> last = new AtomicReference<>();
        Awaitility.await("etcd view with " + healthyVoting + " healthy voting members")
                .atMost(FORMING).pollInterval(POLL).pollDelay(Duration.ZERO)
                .untilAsserted(() -> {
                    last.set(check.read());
                    assertThat(last.get().healthyVoting()).as("last view: %s", last.get()).isEqualTo(healthyVoting);
                });
        return last.get();
    }

    private List<String> etcdctlMemberIds(Path etcdctl) throws IOException, InterruptedException {
        String all = endpoints.stream().map(e -> e.url().toString()).collect(Collectors.joining(","));
        Process process = new ProcessBuilder(etcdctl.toString(), "--endpoints=" + all, "--dial-timeout=5s",
                "--command-timeout=10s", "member", "list", "-w", "json").redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("etcdctl member list did not finish within 30 s");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("etcdctl exit code, output: %s", out).isZero();
        JsonNode members = JsonMapper.builder().build().readTree(out).path("members");
        List<String> ids = new ArrayList<>();
        members.forEach(member -> ids.add(member.path("ID").bigIntegerValue().toString()));
        return ids.stream().sorted().toList();
    }

    private static String name(int i) {
        return "e" + (i + 1);
    }

    private static String clientUrl(List<Integer> ports, int i) {
        return "http://" + LoopbackPorts.HOST + ":" + ports.get(2 * i);
    }

    private static String peerUrl(List<Integer> ports, int i) {
        return "http://" + LoopbackPorts.HOST + ":" + ports.get(2 * i + 1);
    }
}
