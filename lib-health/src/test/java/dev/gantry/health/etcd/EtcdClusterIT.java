package dev.gantry.health.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.etcd.EtcdClusterView;
import dev.gantry.core.etcd.EtcdMember;
import dev.gantry.core.etcd.QuorumGuard;
import dev.gantry.health.CheckResult;
import dev.gantry.health.Status;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.test.harness.EtcdCluster;
import dev.gantry.test.harness.Programs;
import dev.gantry.test.harness.RealPrograms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EtcdClusterCheck} and {@link QuorumGuard} against a real three-member etcd 3.4 cluster
 * (Debian {@code etcd-server}) on loopback, started with the flags recorded in
 * shared/research/real-components.md, section 2, given to each test by {@link RealPrograms};
 * members are killed with SIGKILL as a crash would.
 */
@RealPrograms
class EtcdClusterIT {

    /** Generous: the machine runs other builds, and a cluster forms only once all three are up. */
    private static final Duration FORMING = Duration.ofSeconds(60);
    /** Generous too: a loaded member that answers late is not the unhealthy member these tests look for. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);

    @Test
    void aFreshClusterIsUpWithTheMembersEtcdctlLists(EtcdCluster etcd) throws Exception {
        Path etcdctl = Programs.require("etcdctl", "etcd-client");
        try (EtcdClusterCheck check = EtcdClusterCheck.of(endpoints(etcd))) {
            CheckResult up = awaitStatus(check, Status.UP);

            assertThat(up.reason()).hasValue(EtcdClusterCheck.OK);
            assertThat(up.details()).containsEntry("members", 3).containsEntry("healthy", 3)
                    .containsEntry("quorum", 2).containsEntry("tolerates", 1);
            List<String> ids = check.read().members().stream().map(EtcdMember::idText).sorted().toList();
            assertThat(ids).isEqualTo(etcdctlMemberIds(etcdctl, etcd));
        }
    }

    @Test
    void losingOneMemberDegradesAndGuardsTheRestThenLosingTwoLosesQuorum(EtcdCluster etcd) {
        try (EtcdClusterCheck check = EtcdClusterCheck.of(endpoints(etcd))) {
            awaitStatus(check, Status.UP);

            etcd.member(2).kill();
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

            etcd.member(1).kill();
            CheckResult lost = awaitStatus(check, Status.DOWN);

            assertThat(lost.reason()).hasValue(EtcdClusterCheck.QUORUM_LOST);
            assertThat(lost.details()).containsEntry("healthy", 0).containsEntry("quorum", 2);
        }
    }

    private static List<HttpEndpoint> endpoints(EtcdCluster etcd) {
        return etcd.clientUrls().stream().map(url -> HttpEndpoint.of(url).withTimeout(CALL_TIMEOUT)).toList();
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

    private static List<String> etcdctlMemberIds(Path etcdctl, EtcdCluster etcd)
            throws IOException, InterruptedException {
        String all = etcd.clientUrls().stream().map(Object::toString).collect(Collectors.joining(","));
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
}
