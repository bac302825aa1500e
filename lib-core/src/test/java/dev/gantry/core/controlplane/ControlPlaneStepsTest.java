package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Inventory;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import dev.gantry.test.harness.MutableClock;
import dev.gantry.core.workflow.Progress;
import dev.gantry.core.workflow.Workflow;
import dev.gantry.core.workflow.WorkflowResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The apply workflow against simulated hosts that remember files, services and kubeadm state. */
class ControlPlaneStepsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final FakeHosts hosts = new FakeHosts();

    @Test
    void kubeadmWritesEveryFileThenInitsAndJoinsMastersOneAtATimeThenWorkers() {
        ControlPlanePlan plan = Scenarios.kubeadmVip();

        WorkflowResult result = workflow(plan).run(Progress.silent());

        assertThat(result.ok()).as(result.toString()).isTrue();
        List<String> kubeadm = hosts.log.stream().filter(c -> c.contains("kubeadm ")).toList();
        assertThat(kubeadm).containsExactly(
                "cp-1: kubeadm init --config /etc/kubernetes/gantry/kubeadm-init.yaml --upload-certs",
                "cp-2: kubeadm join --config /etc/kubernetes/gantry/kubeadm-join.yaml",
                "cp-3: kubeadm join --config /etc/kubernetes/gantry/kubeadm-join.yaml",
                "worker-1: kubeadm join --config /etc/kubernetes/gantry/kubeadm-join.yaml");
        plan.artifacts().forEach(a -> assertThat(hosts.files.get(a.host() + ":" + a.path())).isEqualTo(a.content()));
        assertThat(hosts.services).contains("cp-1:haproxy", "cp-2:keepalived", "cp-3:haproxy");
        assertThat(hosts.log.indexOf("cp-3: systemctl enable --now keepalived"))
                .isLessThan(hosts.log.indexOf(kubeadm.get(0)));
    }

    @Test
    void aSecondRunSkipsEveryStep() {
        ControlPlanePlan plan = Scenarios.kubeadmVip();
        workflow(plan).run(Progress.silent()).orThrow();
        int commands = hosts.changes;

        WorkflowResult again = workflow(plan).run(Progress.silent());

        assertThat(again.ran()).isEmpty();
        assertThat(again.skipped()).hasSize(plan.workflow().steps().size());
        assertThat(hosts.changes).isEqualTo(commands);
    }

    @Test
    void aFailedJoinStopsTheRunAndTheNextRunResumesThere() {
        ControlPlanePlan plan = Scenarios.kubeadmVip();
        hosts.failJoinOn.add("cp-3");

        WorkflowResult first = workflow(plan).run(Progress.silent());

        assertThat(first.failedStep()).contains("kubeadm join cp-3 as control plane");
        assertThat(first.failureMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("cp-3: kubeadm join failed (exit 1)").contains("[preflight] port 10250 is in use"));
        assertThat(first.notRun()).contains("kubeadm join worker-1 as worker");

        hosts.failJoinOn.clear();
        WorkflowResult second = workflow(plan).run(Progress.silent());

        assertThat(second.ok()).isTrue();
        assertThat(second.ran()).containsExactly("kubeadm join cp-3 as control plane", "kubeadm join worker-1 as worker");
    }

    @Test
    void aJoinIsRefusedOnceTheUploadedCertificatesAreAboutToExpire() {
        hosts.beforeJoinCheck = host -> {
            if (host.equals("cp-2")) {
                clock.advance(Duration.ofMinutes(115)); // e.g. the run was paused between init and the joins
            }
        };

        WorkflowResult result = workflow(Scenarios.kubeadmVip()).run(Progress.silent());

        assertThat(result.failedStep()).contains("kubeadm join cp-2 as control plane");
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("upload-certs"));
        assertThat(hosts.log).noneMatch(c -> c.startsWith("cp-2: kubeadm join"));
    }

    @Test
    void aJoinIsRefusedWhenTheEtcdMembersThatAreReadyWouldNotKeepQuorum() {
        hosts.etcdNotReady.add("cp-2"); // cp-1 ready, cp-2 not: with a third member counted down, 2 of 2 needed

        WorkflowResult result = workflow(Scenarios.kubeadmVip()).run(Progress.silent());

        assertThat(result.failedStep()).contains("kubeadm join cp-3 as control plane");
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("only 1 of 2"));
    }

    @Test
    void withEtcdctlOnTheFirstMasterTheJoinGuardReadsTheRealMembersThroughKubeadmsCertificates() {
        hosts.etcdctlInstalled = true;

        WorkflowResult result = workflow(Scenarios.kubeadmVip()).run(Progress.silent());

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(hosts.commands).anySatisfy(c -> assertThat(c).startsWith("cp-1: etcdctl")
                .contains("--endpoints=https://127.0.0.1:2379", "--cacert=/etc/kubernetes/pki/etcd/ca.crt",
                        "--cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt",
                        "--key=/etc/kubernetes/pki/etcd/healthcheck-client.key", "member list -w json"));
        assertThat(hosts.commands).noneMatch(c -> c.contains("kubectl"));
    }

    @Test
    void aLearnerThatIsNotYetPromotedBlocksTheNextJoin() {
        hosts.etcdctlInstalled = true;
        hosts.etcdLearners.add("cp-2"); // kubeadm 1.29+ can join as a learner first

        WorkflowResult result = workflow(Scenarios.kubeadmVip()).run(Progress.silent());

        assertThat(result.failedStep()).contains("kubeadm join cp-3 as control plane");
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("ETCD-GUARD-LEARNER-PRESENT").contains("learner cp-2 is not yet promoted"));
        assertThat(hosts.log).noneMatch(c -> c.startsWith("cp-3: kubeadm join"));
    }

    @Test
    void withEtcdctlAnUnhealthyMemberSeenByEndpointHealthBlocksTheJoin() {
        hosts.etcdctlInstalled = true;
        hosts.etcdNotReady.add("cp-2");

        WorkflowResult result = workflow(Scenarios.kubeadmVip()).run(Progress.silent());

        assertThat(result.failedStep()).contains("kubeadm join cp-3 as control plane");
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("only 1 of 2").contains("unhealthy now: cp-2"));
    }

    @Test
    void withoutEtcdctlTheJoinGuardFallsBackToTheReadyEtcdPods() {
        WorkflowResult result = workflow(Scenarios.kubeadmVip()).run(Progress.silent());

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(hosts.commands).anyMatch(c -> c.startsWith("cp-1: kubectl") && c.contains("component=etcd"));
        assertThat(hosts.commands).noneMatch(c -> c.contains(": etcdctl"));
    }

    @Test
    void withExternalEtcdAControlPlaneJoinAddsNoEtcdMemberAndReadsNoQuorum() {
        ControlPlanePlan plan = ControlPlanePlanner.plan(Fixtures.externalEtcd(),
                Fixtures.kubeadm("k8s-api.example.com").withEtcd(EtcdTopology.EXTERNAL), HaPolicy.ofDefaults(), clock);

        WorkflowResult result = plan.workflow().withExecutor(hosts).run(Progress.silent());

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(hosts.commands).noneMatch(c -> c.contains("kubectl") || c.contains("etcdctl"));
    }

    @Test
    void k3sStartsServersInOrderAndNeverRunsKubeadm() {
        WorkflowResult result = workflow(Scenarios.k3sStacked()).run(Progress.silent());

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(hosts.log).noneMatch(c -> c.contains("kubeadm"));
        List<String> starts = hosts.log.stream().filter(c -> c.contains("enable --now k3s")).toList();
        assertThat(starts).first().asString().startsWith("cp-1:");
    }

    @Test
    void theDryRunListsEveryStepAndChangesNothing() {
        ControlPlanePlan plan = Scenarios.kubeadmVip();

        var dryRun = workflow(plan).dryRun();

        assertThat(dryRun.toRun()).hasSize(plan.workflow().steps().size())
                .contains("kubeadm init on cp-1", "start haproxy on cp-1");
        assertThat(hosts.changes).isZero();
    }

    @Test
    void fileStepsNeverShowTheSecretsTheyWrite() {
        ControlPlanePlan plan = Scenarios.kubeadmVip();

        String steps = workflow(plan).dryRun().toString() + plan.workflow();

        assertThat(steps).doesNotContain(plan.token().reveal());
        assertThat(steps).doesNotContain(plan.certificateKey().orElseThrow().reveal());
    }

    /** The same plan again, with this test's clock, applied to the simulated hosts. */
    private Workflow workflow(ControlPlanePlan plan) {
        Inventory inventory = plan.spec().distribution() == Distribution.K3S ? Fixtures.threeZones()
                : Fixtures.oneSubnet();
        ControlPlanePlan same = ControlPlanePlanner.plan(inventory, plan.spec(), HaPolicy.ofDefaults(), clock);
        assertThat(same.artifacts()).isEqualTo(plan.artifacts());
        return same.workflow().withExecutor(hosts);
    }

    /** Hosts that keep files, running services and kubeadm's marker files in memory. */
    private static final class FakeHosts implements HostExecutor {

        final Map<String, String> files = new HashMap<>();
        final Set<String> services = new HashSet<>();
        final List<String> log = new ArrayList<>();
        final List<String> commands = new ArrayList<>();
        final Set<String> failJoinOn = new HashSet<>();
        final Set<String> etcdNotReady = new HashSet<>();
        final Set<String> etcdLearners = new HashSet<>();
        boolean etcdctlInstalled;
        java.util.function.Consumer<String> beforeJoinCheck = host -> { };
        int changes;

        @Override
        public synchronized ExecResult exec(Host host, List<String> argv, Duration timeout) {
            String command = String.join(" ", argv);
            String name = host.name();
            commands.add(name + ": " + command);
            switch (argv.get(0)) {
                case "sha256sum" -> {
                    String content = files.get(name + ":" + argv.get(1));
                    return content == null ? result(1, "", "sha256sum: " + argv.get(1) + ": No such file or directory")
                            : result(0, sha256(content) + "  " + argv.get(1) + "\n", "");
                }
                case "test" -> {
                    beforeJoinCheck.accept(name);
                    return result(files.containsKey(name + ":" + argv.get(2)) ? 0 : 1, "", "");
                }
                case "systemctl" -> {
                    if (argv.get(1).equals("is-active")) {
                        return result(services.contains(name + ":" + argv.get(3)) ? 0 : 3, "", "");
                    }
                    change(name, command);
                    services.add(name + ":" + argv.get(3));
                    return result(0, "", "");
                }
                case "kubeadm" -> {
                    return kubeadm(name, command, argv.get(1));
                }
                case "kubectl" -> {
                    return result(0, etcdPods(), "");
                }
                case "sh" -> {
                    return result(argv.get(2).startsWith("command -v") && etcdctlInstalled ? 0 : 1, "", "");
                }
                case "etcdctl" -> {
                    return etcdctl(command);
                }
                default -> throw new AssertionError("unexpected command on " + name + ": " + command);
            }
        }

        private ExecResult kubeadm(String name, String command, String action) {
            change(name, command);
            if (failJoinOn.contains(name)) {
                return result(1, "", "[preflight] port 10250 is in use\nerror execution phase preflight");
            }
            if (action.equals("init")) {
                files.put(name + ":/etc/kubernetes/admin.conf", "apiVersion: v1");
            }
            files.put(name + ":/etc/kubernetes/kubelet.conf", "apiVersion: v1");
            return result(0, "", "");
        }

        private List<String> etcdHosts() {
            return files.keySet().stream().filter(k -> k.startsWith("cp-") && k.endsWith(":/etc/kubernetes/kubelet.conf"))
                    .map(k -> k.substring(0, k.indexOf(':'))).sorted().toList();
        }

        /** {@code <pod> <ready>} lines, as the kubectl jsonpath prints them. */
        private String etcdPods() {
            StringBuilder ready = new StringBuilder();
            etcdHosts().forEach(host -> ready.append("etcd-").append(host)
                    .append(etcdNotReady.contains(host) ? " false\n" : " true\n"));
            return ready.toString();
        }

        /** etcdctl 3.4's JSON, shapes as in shared/research/real-components.md section 2. */
        private ExecResult etcdctl(String command) {
            List<String> hosts = etcdHosts();
            if (command.contains("member list -w json")) {
                String members = hosts.stream().map(h -> "{\"ID\":" + (10 + hosts.indexOf(h)) + ",\"name\":\"" + h
                        + "\",\"peerURLs\":[\"https://" + h + ":2380\"],\"clientURLs\":[\"https://" + h + ":2379\"]"
                        + (etcdLearners.contains(h) ? ",\"isLearner\":true" : "") + "}").collect(Collectors.joining(","));
                return result(0, "{\"header\":{\"cluster_id\":1,\"member_id\":10,\"raft_term\":2},\"members\":["
                        + members + "]}\n", "");
            }
            if (command.contains("endpoint health --cluster -w json")) {
                String health = hosts.stream().map(h -> "{\"endpoint\":\"https://" + h + ":2379\",\"health\":"
                        + !etcdNotReady.contains(h) + ",\"took\":\"1.2ms\"}").collect(Collectors.joining(","));
                return result(etcdNotReady.isEmpty() ? 0 : 1, "[" + health + "]\n",
                        etcdNotReady.isEmpty() ? "" : "Error: unhealthy cluster");
            }
            throw new AssertionError("unexpected etcdctl command: " + command);
        }

        @Override
        public synchronized void upload(Host host, String path, byte[] content, int mode) {
            change(host.name(), "upload " + path);
            files.put(host.name() + ":" + path, new String(content, StandardCharsets.UTF_8));
        }

        private void change(String host, String command) {
            changes++;
            log.add(host + ": " + command);
        }

        private static ExecResult result(int exit, String out, String err) {
            return new ExecResult(exit, out, err, Duration.ZERO);
        }

        private static String sha256(String content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(content.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }
}
