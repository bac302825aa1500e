package dev.gantry.core.controlplane;

import dev.gantry.core.GantryException;
import dev.gantry.core.Machine;
import dev.gantry.core.etcd.EtcdClusterView;
import dev.gantry.core.etcd.EtcdErrors;
import dev.gantry.core.etcd.EtcdMember;
import dev.gantry.core.etcd.Etcdctl;
import dev.gantry.core.etcd.JoinGuards;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.internal.Digests;
import dev.gantry.core.internal.Lines;
import dev.gantry.core.workflow.Retry;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.StepContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that apply a plan, host by host: write every file, start the load balancer and any
 * external etcd, bootstrap the first master, join the other masters one at a time (each guarded by
 * the certificate key's age and, with stacked etcd, the projected etcd quorum), then join the
 * workers. Every step looks before it acts, so a second run skips what is done and a failed run
 * resumes.
 *
 * <p>The quorum guard reads the real etcd membership, learners included, with {@code etcdctl} and
 * kubeadm's certificates on the first master ({@link Etcdctl#kubeadm}). Where etcdctl is not
 * installed (kubeadm runs etcd as a static pod and does not install it on the host) it falls back
 * to counting the ready etcd pods through kubectl, which cannot see learners, and records that in
 * the step output {@link #QUORUM_SOURCE}.
 */
final class ControlPlaneSteps {

    static final String CERTS_UPLOADED_AT = "kubeadm.certs-uploaded-at";
    /** The step output that says how the last join guard read etcd. */
    static final String QUORUM_SOURCE = "etcd.quorum-source";
    private static final Logger log = LoggerFactory.getLogger(ControlPlaneSteps.class);
    private static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";
    private static final String KUBELET_CONF = "/etc/kubernetes/kubelet.conf";
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration BOOTSTRAP = Duration.ofMinutes(10);
    private static final Retry TRANSIENT = EtcdErrors.retry(3, Duration.ofSeconds(5));

    private final Topology topology;
    private final List<Artifact> artifacts;
    private final Map<String, Machine> machines;
    private final Clock clock;

    ControlPlaneSteps(Topology topology, List<Artifact> artifacts, Clock clock) {
        this.topology = topology;
        this.artifacts = artifacts;
        this.clock = clock;
        List<Machine> all = new ArrayList<>(topology.masters());
        all.addAll(topology.workers());
        all.addAll(topology.etcdMachines());
        this.machines = all.stream().collect(Collectors.toMap(Machine::name, m -> m, (a, b) -> a));
    }

    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        artifacts.forEach(a -> steps.add(write(a)));
        if (topology.spec().vip().isPresent()) {
            topology.masters().forEach(m -> steps.add(service(m, "haproxy")));
            topology.masters().forEach(m -> steps.add(service(m, "keepalived")));
        }
        if (!topology.stacked()) {
            topology.etcdMachines().forEach(m -> steps.add(service(m, "etcd")));
        }
        if (topology.spec().distribution() == Distribution.K3S) {
            topology.masters().forEach(m -> steps.add(service(m, "k3s")));
            topology.workers().forEach(m -> steps.add(service(m, "k3s-agent")));
        } else {
            kubeadm(steps);
        }
        return List.copyOf(steps);
    }

    private void kubeadm(List<Step> steps) {
        List<Machine> masters = topology.masters();
        if (masters.isEmpty()) {
            return;
        }
        Machine first = masters.get(0);
        steps.add(Step.of("kubeadm init on " + first.name(), ctx -> exists(ctx, first, ADMIN_CONF),
                ctx -> init(ctx, first)));
        for (Machine master : masters.subList(1, masters.size())) {
            Step join = join(master, "as control plane").guardedBy(this::certificateKeyFresh);
            steps.add(topology.stacked() ? join.guardedBy(JoinGuards.quorumAfterJoin(ctx -> etcdView(ctx, first)))
                    : join);
        }
        topology.workers().forEach(w -> steps.add(join(w, "as worker")));
    }

    private Step write(Artifact artifact) {
        byte[] content = artifact.content().getBytes(StandardCharsets.UTF_8);
        String digest = Digests.sha256(content);
        Machine owner = machine(artifact.host());
        return Step.of("write " + artifact.path() + " on " + artifact.host(),
                ctx -> run(ctx, owner, QUICK, "sha256sum", artifact.path()).stdout().startsWith(digest + " "),
                ctx -> ctx.executor().upload(Host.of(owner), artifact.path(), content, artifact.mode()))
                .withRetry(TRANSIENT);
    }

    private Step service(Machine machine, String unit) {
        return Step.of("start " + unit + " on " + machine.name(),
                ctx -> run(ctx, machine, QUICK, "systemctl", "is-active", "--quiet", unit).ok(),
                ctx -> require(run(ctx, machine, BOOTSTRAP, "systemctl", "enable", "--now", unit), machine,
                        "systemctl enable --now " + unit))
                .withRetry(TRANSIENT);
    }

    private void init(StepContext ctx, Machine first) {
        require(run(ctx, first, BOOTSTRAP, "kubeadm", "init", "--config", KubeadmRenderer.INIT_PATH,
                "--upload-certs"), first, "kubeadm init");
        ctx.put(CERTS_UPLOADED_AT, clock.instant().toString());
    }

    private Step join(Machine machine, String how) {
        return Step.of("kubeadm join " + machine.name() + " " + how, ctx -> exists(ctx, machine, KUBELET_CONF),
                ctx -> require(run(ctx, machine, BOOTSTRAP, "kubeadm", "join", "--config",
                        KubeadmRenderer.JOIN_PATH), machine, "kubeadm join"))
                .withRetry(TRANSIENT);
    }

    /**
     * kubeadm deletes the uploaded certificates two hours after {@code init --upload-certs}. When
     * this run did not upload them (a resumed run), their age is unknown and the join goes ahead:
     * kubeadm then fails clearly if they are gone.
     */
    private Optional<String> certificateKeyFresh(StepContext ctx) {
        return ctx.output(CERTS_UPLOADED_AT).map(Instant::parse)
                .flatMap(uploaded -> JoinGuards.certificateKeyFresh(uploaded, clock).violation(ctx));
    }

    /** The stacked etcd as etcdctl on the first master sees it, else as kubelet reports its pods. */
    private static EtcdClusterView etcdView(StepContext ctx, Machine first) {
        Etcdctl etcdctl = Etcdctl.kubeadm(Host.of(first));
        if (etcdctl.available(ctx.executor(), QUICK)) {
            ctx.put(QUORUM_SOURCE, "etcdctl member list and endpoint health on " + first.name());
            return etcdctl.view(ctx.executor(), QUICK);
        }
        String note = "kubectl etcd pods on " + first.name() + ": etcdctl is not installed there, so learners are"
                + " not seen; install etcdctl (etcd-client) on the masters for the full view";
        log.info("Quorum guard before a join reads {}", note);
        ctx.put(QUORUM_SOURCE, note);
        return EtcdPods.read(ctx, Host.of(first), QUICK);
    }

    private boolean exists(StepContext ctx, Machine machine, String path) {
        return run(ctx, machine, QUICK, "test", "-f", path).ok();
    }

    private ExecResult run(StepContext ctx, Machine machine, Duration timeout, String... argv) {
        return ctx.executor().exec(Host.of(machine), List.of(argv), timeout);
    }

    private Machine machine(String name) {
        Machine machine = machines.get(name);
        if (machine == null) {
            throw new IllegalStateException("artifact for unknown machine " + name);
        }
        return machine;
    }

    private static void require(ExecResult result, Machine machine, String what) {
        if (!result.ok()) {
            throw new GantryException(machine.name() + ": " + what + " failed (exit " + result.exit() + "): "
                    + Lines.tail(result.stderr()));
        }
    }

    /**
     * Reads the stacked etcd members as kubelet reports their static pods, on the first master: one
     * voting member per pod, healthy when its container is ready. Pods cannot show learners.
     */
    static final class EtcdPods {

        private static final String READY = "{range .items[*]}{.metadata.name}{\" \"}"
                + "{.status.containerStatuses[0].ready}{\"\\n\"}{end}";

        private EtcdPods() {
        }

        static EtcdClusterView read(StepContext ctx, Host first, Duration timeout) {
            ExecResult result = ctx.executor().exec(first, List.of("kubectl", "--kubeconfig", ADMIN_CONF,
                    "-n", "kube-system", "get", "pods", "-l", "component=etcd", "-o", "jsonpath=" + READY), timeout);
            if (!result.ok()) {
                throw new GantryException(first.name() + ": cannot list the etcd pods to check quorum before a"
                        + " join (exit " + result.exit() + "): " + result.stderr().strip());
            }
            return parse(result.stdout());
        }

        /** Lines of {@code <pod> <ready>}; a line without a readiness counts as not ready. */
        static EtcdClusterView parse(String lines) {
            List<EtcdMember> members = new ArrayList<>();
            Set<Long> ready = new HashSet<>();
            for (String line : lines.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                String[] fields = line.split("\\s+");
                long id = members.size() + 1;
                members.add(EtcdMember.of(id, fields[0], List.of(), List.of()));
                if (fields.length > 1 && fields[1].equals("true")) {
                    ready.add(id);
                }
            }
            return EtcdClusterView.of(members, ready);
        }
    }
}
