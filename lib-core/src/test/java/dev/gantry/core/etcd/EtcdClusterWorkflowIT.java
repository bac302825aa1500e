package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.SshAccess;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.OpenSshExecutor;
import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.Programs;
import dev.gantry.test.harness.RealProcesses;
import dev.gantry.test.harness.SshServer;
import dev.gantry.core.workflow.CollectingProgress;
import dev.gantry.core.workflow.Progress;
import dev.gantry.core.workflow.StepEvent;
import dev.gantry.core.workflow.Workflow;
import dev.gantry.core.workflow.WorkflowResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisions a real three-member etcd 3.4 cluster on loopback through a real sshd and
 * {@link OpenSshExecutor}: a run that fails midway, the resumed run, and a run with nothing left
 * to do. The etcd processes are started by the workflow (setsid, not children of this JVM), so
 * {@link #killEtcdMembers()} kills each one by the PID in its pid file, after checking that the
 * process's environment names its data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdClusterWorkflowIT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    @TempDir
    static Path base;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static OpenSshExecutor ssh;
    private static Host host;
    private static EtcdClusterWorkflow etcd;
    private static Workflow workflow;

    @BeforeAll
    static void startSshdAndPlanTheCluster() throws IOException {
        Path etcdBinary = Programs.require("etcd", "etcd-server");
        Path etcdctl = Programs.require("etcdctl", "etcd-client");
        SshServer sshd = SshServer.start(processes);
        ssh = OpenSshExecutor.builder()
                .configFile(sshd.clientConfig())
                .identityFile(sshd.clientKey())
                .knownHostsFile(sshd.knownHosts())
                .connectionReuse(Duration.ofSeconds(30))
                .build();
        host = Host.of("lab", LoopbackPorts.HOST).withSsh(SshAccess.of(sshd.user(), sshd.port()));
        List<Integer> ports = LoopbackPorts.allocate(6);
        EtcdClusterWorkflow.Builder builder = EtcdClusterWorkflow.builder()
                .stateDir(base.resolve("state").toString())
                .etcd(etcdBinary.toString())
                .etcdctl(etcdctl.toString())
                .clusterToken("gantry-it-" + ports.get(0))
                .timeouts(TIMEOUT, Duration.ofSeconds(60), Duration.ofSeconds(90));
        for (int i = 0; i < 3; i++) {
            builder.member(EtcdMemberSpec.of("e" + (i + 1), host, ports.get(2 * i), ports.get(2 * i + 1),
                    base.resolve("e" + (i + 1)).resolve("data").toString()));
        }
        etcd = builder.build();
        workflow = etcd.workflow().withExecutor(ssh);
    }

    @AfterAll
    static void killEtcdMembersAndCloseTheConnection() throws Exception {
        try {
            killEtcdMembers();
        } finally {
            if (ssh != null) {
                ssh.close();
            }
        }
    }

    @Test
    @Order(1)
    void aDryRunOfAFreshClusterWouldRunEveryStep() {
        assertThat(workflow.dryRun().toRun()).containsExactly(
                "etcd e1: write settings", "etcd e1: start",
                "etcd e2: write settings", "etcd e2: start",
                "etcd e3: write settings", "etcd e3: start",
                "etcd cluster: healthy", "etcd cluster: membership");
    }

    @Test
    @Order(2)
    void aRunStopsAtTheMemberWhoseDataDirectoryCannotBeCreated() throws IOException {
        // A plain file where e2's directory should be: mkdir -p fails, as on a mis-mounted disk.
        Files.writeString(base.resolve("e2"), "in the way");

        WorkflowResult result = workflow.run(Progress.console());

        assertThat(result.failedStep()).contains("etcd e2: write settings");
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("cannot create").contains("e2/data"));
        assertThat(result.ran()).containsExactly("etcd e1: write settings", "etcd e1: start");
        assertThat(result.notRun()).hasSize(5);
    }

    @Test
    @Order(3)
    void theNextRunSkipsWhatIsDoneAndFinishesTheCluster() throws IOException {
        Files.delete(base.resolve("e2"));
        CollectingProgress progress = new CollectingProgress();

        WorkflowResult result = workflow.run(progress);

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.skipped()).startsWith("etcd e1: write settings", "etcd e1: start");
        assertThat(result.ran()).startsWith(
                "etcd e2: write settings", "etcd e2: start",
                "etcd e3: write settings", "etcd e3: start");
        // The checks count as done when the cluster is already healthy by the time they are reached.
        assertThat(result.notRun()).isEmpty();
        assertThat(progress.steps(StepEvent.Kind.FAILED)).isEmpty();
    }

    @Test
    @Order(4)
    void theClusterServesWritesThroughEveryMember() {
        String key = "/gantry/it";
        ExecResult put = etcdctl(etcd.members().get(0), "put", key, "provisioned");
        ExecResult get = etcdctl(etcd.members().get(2), "get", "--print-value-only", key);

        assertThat(put.stdout()).as(put.stderr()).isEqualTo("OK\n");
        assertThat(get.stdout()).isEqualTo("provisioned\n");
        assertThat(EtcdMemberList.parse(etcdctl(etcd.members().get(1), "member", "list", "-w", "json").stdout())
                .members()).extracting(EtcdMember::name).containsExactlyInAnyOrder("e1", "e2", "e3");
    }

    @Test
    @Order(4)
    void etcdctlOverSshReadsTheRealClusterIntoAViewThatAllowsAJoin() {
        Etcdctl etcdctl = Etcdctl.of(host).withEndpoints(List.of(etcd.members().get(0).clientUrl()));

        EtcdClusterView view = etcdctl.view(ssh, TIMEOUT);

        assertThat(etcdctl.available(ssh, TIMEOUT)).isTrue();
        assertThat(view.voting()).extracting(EtcdMember::name).containsExactlyInAnyOrder("e1", "e2", "e3");
        assertThat(view.learners()).isEmpty();
        assertThat(view.healthyVoting()).isEqualTo(3);
        assertThat(QuorumGuard.of(view).canJoin().allowed()).isTrue();
        assertThat(QuorumGuard.of(view).canRestart(view.member("e2").orElseThrow()).allowed()).isTrue();
    }

    @Test
    @Order(5)
    void aRunOnAFinishedClusterSkipsEveryStep() {
        assertThat(workflow.dryRun().upToDate()).isTrue();

        CollectingProgress progress = new CollectingProgress();
        WorkflowResult result = workflow.run(progress);

        assertThat(result.ok()).isTrue();
        assertThat(result.ran()).isEmpty();
        assertThat(result.skipped()).hasSize(8);
        assertThat(progress.kinds()).containsOnly(StepEvent.Kind.SKIPPED);
    }

    private static ExecResult etcdctl(EtcdMemberSpec member, String... args) {
        List<String> argv = new ArrayList<>(List.of("etcdctl", "--endpoints=" + member.clientUrl(),
                "--command-timeout=10s"));
        argv.addAll(List.of(args));
        return ssh.exec(host, argv, TIMEOUT);
    }

    private static void killEtcdMembers() throws Exception {
        if (etcd == null) {
            return;
        }
        for (EtcdMemberSpec member : etcd.members()) {
            Optional<ProcessHandle> process = ourEtcd(member);
            if (process.isPresent()) {
                kill(process.get());
            }
        }
    }

    /** SIGTERM, and SIGKILL when the member has not exited 20 s later. */
    private static void kill(ProcessHandle process) {
        process.destroy();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            process.destroyForcibly();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        }
    }

    /** The member's etcd process, found by its pid file and confirmed by its environment. */
    private static Optional<ProcessHandle> ourEtcd(EtcdMemberSpec member) throws IOException {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(Path.of(etcd.pidFile(member))).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            String environ = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8);
            if (!List.of(environ.split("\0")).contains("ETCD_DATA_DIR=" + member.dataDir())) {
                return Optional.empty();
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid);
    }
}
