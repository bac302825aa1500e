package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.GantryException;
import dev.gantry.core.ParseException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * etcdctl on a host through a scripted executor. Outputs are shaped as etcdctl 3.4.23 (Debian
 * etcd-client) printed them: {@code member list -w json} with ids as JSON numbers, and {@code
 * endpoint health --cluster -w json} as an array that lists every endpoint even when it exits 1.
 */
class EtcdctlTest {

    private static final Host CP1 = Host.of("cp-1", "10.0.1.11");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String MEMBERS = "{\"header\":{\"cluster_id\":17237436991929493444,\"member_id\":1,"
            + "\"raft_term\":3},\"members\":["
            + "{\"ID\":1,\"name\":\"cp-1\",\"peerURLs\":[\"https://10.0.1.11:2380\"],\"clientURLs\":[\"https://10.0.1.11:2379\"]},"
            + "{\"ID\":2,\"name\":\"cp-2\",\"peerURLs\":[\"https://10.0.1.12:2380\"],\"clientURLs\":[\"https://10.0.1.12:2379\"]},"
            + "{\"ID\":3,\"name\":\"cp-3\",\"peerURLs\":[\"https://10.0.1.13:2380\"],\"clientURLs\":[\"https://10.0.1.13:2379\"],"
            + "\"isLearner\":true},"
            + "{\"ID\":4,\"peerURLs\":[\"https://10.0.1.14:2380\"]}]}";
    private static final String HEALTH = "[{\"endpoint\":\"https://10.0.1.11:2379\",\"health\":true,\"took\":\"1.9ms\"},"
            + "{\"endpoint\":\"https://10.0.1.12:2379\",\"health\":false,\"took\":\"5s\","
            + "\"error\":\"context deadline exceeded\"},"
            + "{\"endpoint\":\"https://10.0.1.13:2379\",\"health\":true,\"took\":\"2.1ms\"}]";

    private final Scripted executor = new Scripted();

    @Test
    void theViewHasLearnersAndHealthFromEndpointHealthEvenWhenItExitsOne() {
        executor.answer("member list", new ExecResult(0, MEMBERS, "", Duration.ZERO));
        executor.answer("endpoint health", new ExecResult(1, HEALTH, "Error: unhealthy cluster", Duration.ZERO));

        EtcdClusterView view = Etcdctl.kubeadm(CP1).view(executor, TIMEOUT);

        assertThat(view.voting()).extracting(EtcdMember::label).containsExactly("cp-1", "cp-2", "unstarted 4");
        assertThat(view.learners()).extracting(EtcdMember::name).containsExactly("cp-3");
        assertThat(view.healthyVoting()).isEqualTo(1);
        assertThat(view.unhealthy()).extracting(EtcdMember::label).containsExactly("cp-2", "unstarted 4");
        assertThat(QuorumGuard.of(view).canJoin().code()).isEqualTo(QuorumGuard.LEARNER_PRESENT);
    }

    @Test
    void kubeadmUsesTheLocalMemberAndTheHealthcheckClientCertificate() {
        assertThat(Etcdctl.kubeadm(CP1).argv("member", "list", "-w", "json")).containsExactly("etcdctl",
                "--endpoints=https://127.0.0.1:2379", "--dial-timeout=2s", "--command-timeout=5s",
                "--cacert=/etc/kubernetes/pki/etcd/ca.crt", "--cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt",
                "--key=/etc/kubernetes/pki/etcd/healthcheck-client.key", "member", "list", "-w", "json");
        assertThat(Etcdctl.of(CP1).withProgram("/opt/etcd/etcdctl").withEndpoints(List.of("http://a:1", "http://b:1"))
                .argv("endpoint", "health")).startsWith("/opt/etcd/etcdctl", "--endpoints=http://a:1,http://b:1");
    }

    @Test
    void availabilityIsAskedFromTheShellSoAMissingProgramIsNoError() {
        executor.answer("command -v", new ExecResult(1, "", "", Duration.ZERO));

        assertThat(Etcdctl.kubeadm(CP1).available(executor, TIMEOUT)).isFalse();
        assertThat(executor.seen).singleElement().satisfies(argv -> assertThat(argv).containsExactly("sh", "-c",
                "command -v \"$1\" >/dev/null", "sh", "etcdctl"));
    }

    @Test
    void aFailedMemberListNamesTheHostAndEtcdctlsError() {
        executor.answer("member list", new ExecResult(1, "", "Error: context deadline exceeded", Duration.ZERO));

        assertThatThrownBy(() -> Etcdctl.kubeadm(CP1).memberList(executor, TIMEOUT))
                .isInstanceOf(GantryException.class)
                .hasMessageContaining("cp-1: etcdctl member list failed (exit 1): Error: context deadline exceeded");
    }

    @Test
    void healthOutputThatIsNotTheExpectedJsonFails() {
        executor.answer("member list", new ExecResult(0, MEMBERS, "", Duration.ZERO));
        executor.answer("endpoint health", new ExecResult(1, "", "Error: open /etc/kubernetes/pki/etcd/ca.crt:"
                + " permission denied", Duration.ZERO));

        assertThatThrownBy(() -> Etcdctl.kubeadm(CP1).view(executor, TIMEOUT))
                .hasMessageContaining("etcdctl endpoint health on cp-1 printed nothing (exit 1)")
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> Etcdctl.healthyEndpoints(new ExecResult(0, "{\"health\":true}", "", Duration.ZERO),
                "src")).isInstanceOf(ParseException.class).hasMessageContaining("a JSON array of endpoint health");
    }

    /** Answers by the first registered fragment the command line contains; fails on anything else. */
    private static final class Scripted implements HostExecutor {

        private final Map<String, ExecResult> answers = new LinkedHashMap<>();
        final List<List<String>> seen = new ArrayList<>();

        void answer(String fragment, ExecResult result) {
            answers.put(fragment, result);
        }

        @Override
        public ExecResult exec(Host host, List<String> argv, Duration timeout) {
            seen.add(argv);
            String line = String.join(" ", argv);
            return answers.entrySet().stream().filter(e -> line.contains(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new AssertionError("unexpected command: " + line));
        }

        @Override
        public void upload(Host host, String path, byte[] content, int mode) {
            throw new AssertionError("etcdctl uploads nothing");
        }
    }
}
