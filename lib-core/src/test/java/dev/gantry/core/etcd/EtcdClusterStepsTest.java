package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.exec.Host;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.Workflow;
import dev.gantry.core.workflow.WorkflowResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The etcd steps on this machine through a {@code LocalExecutor}, with stand-in scripts for the
 * etcd and etcdctl binaries, for the paths the real-etcd IT does not reach: a member that dies
 * at start, a cluster that becomes healthy only after a few checks, and a membership that differs
 * from the plan.
 */
class EtcdClusterStepsTest {

    private static final Host LOCAL = Host.local();

    @TempDir
    Path dir;

    @Test
    void aMemberThatExitsAtStartFailsItsStartStepWithItsLog() throws IOException {
        Path etcd = script("etcd", "echo \"boom: unknown flag for $ETCD_NAME\" >&2; exit 2");
        EtcdClusterWorkflow cluster = cluster(etcd, script("etcdctl", "exit 1"));

        WorkflowResult result = cluster.workflow().run();

        assertThat(result.failedStep()).contains("etcd e1: start");
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("etcd e1 exited right after start")
                .contains("boom: unknown flag for e1"));
        assertThat(result.ran()).containsExactly("etcd e1: write settings");
    }

    @Test
    void theHealthStepWaitsUntilEtcdctlReportsHealthy() throws IOException {
        Path counter = dir.resolve("health-calls");
        Path etcdctl = script("etcdctl", String.join("\n",
                "case \"$*\" in",
                "*'endpoint health'*)",
                "  n=$(( $(cat " + counter + " 2>/dev/null || echo 0) + 1 )); echo $n > " + counter,
                "  if [ $n -lt 4 ]; then echo 'http://127.0.0.1:1 is unhealthy: failed to commit proposal' >&2; exit 1; fi",
                "  echo 'http://127.0.0.1:1 is healthy: successfully committed proposal'; exit 0;;",
                "*'member list'*)",
                "  echo '{\"header\":{\"cluster_id\":1,\"member_id\":2,\"raft_term\":2},\"members\":[{\"ID\":18279440872267248588,\"name\":\"e1\",\"peerURLs\":[\"http://127.0.0.1:2\"]}]}';;",
                "esac"));

        WorkflowResult result = clusterSteps(cluster(script("etcd", "exit 0"), etcdctl)).run();

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.ran()).containsExactly("etcd cluster: healthy");
        assertThat(result.skipped()).containsExactly("etcd cluster: membership");
        assertThat(Files.readString(counter).strip()).isEqualTo("4");
    }

    @Test
    void aMembershipThatDiffersFromThePlanFailsWithTheDifference() throws IOException {
        Path etcdctl = script("etcdctl", String.join("\n",
                "case \"$*\" in",
                "*'endpoint health'*) exit 0;;",
                "*'member list'*) echo '{\"header\":{\"cluster_id\":1,\"member_id\":2,\"raft_term\":2},\"members\":[{\"ID\":2,\"name\":\"old\",\"peerURLs\":[\"http://10.0.0.9:2380\"]}]}';;",
                "esac"));

        WorkflowResult result = clusterSteps(cluster(script("etcd", "exit 0"), etcdctl)).run();

        assertThat(result.failedStep()).contains("etcd cluster: membership");
        assertThat(result.failureMessage()).contains("etcd membership differs from the plan: expected "
                + "{e1=http://127.0.0.1:2}, found {old=http://10.0.0.9:2380}");
    }

    private EtcdClusterWorkflow cluster(Path etcd, Path etcdctl) {
        return EtcdClusterWorkflow.builder()
                .member(EtcdMemberSpec.of("e1", LOCAL, 1, 2, dir.resolve("e1/data").toString()))
                .stateDir(dir.resolve("state").toString())
                .etcd(etcd.toString())
                .etcdctl(etcdctl.toString())
                .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30))
                .build();
    }

    private static Workflow clusterSteps(EtcdClusterWorkflow cluster) {
        List<Step> steps = cluster.workflow().steps().stream().filter(s -> s.name().startsWith("etcd cluster")).toList();
        return Workflow.of(steps);
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
