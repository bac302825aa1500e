package dev.gantry.core.controlplane;

import dev.gantry.core.GantryException;
import dev.gantry.core.Machine;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.workflow.Guards;
import dev.gantry.core.workflow.Retry;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.StepContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The steps that apply a plan, host by host: write every file, start the load balancer and any
 * external etcd, bootstrap the first master, join the other masters one at a time (each guarded by
 * the certificate key's age and the projected etcd quorum), then join the workers. Every step
 * looks before it acts, so a second run skips what is done and a failed run resumes.
 */
final class ControlPlaneSteps {

    static final String CERTS_UPLOADED_AT = "kubeadm.certs-uploaded-at";
    private static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";
    private static final String KUBELET_CONF = "/etc/kubernetes/kubelet.conf";
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration BOOTSTRAP = Duration.ofMinutes(10);
    private static final Retry TRANSIENT = Retry.onTransient(3, Duration.ofSeconds(5));

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
            steps.add(join(master, "as control plane").guardedBy(this::certificateKeyFresh)
                    .guardedBy(Guards.quorumAfterJoin(ctx -> EtcdPods.read(ctx, Host.of(first), QUICK))));
        }
        topology.workers().forEach(w -> steps.add(join(w, "as worker")));
    }

    private Step write(Artifact artifact) {
        byte[] content = artifact.content().getBytes(StandardCharsets.UTF_8);
        String digest = sha256(content);
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
    private java.util.Optional<String> certificateKeyFresh(StepContext ctx) {
        return ctx.output(CERTS_UPLOADED_AT).map(Instant::parse)
                .flatMap(uploaded -> Guards.certificateKeyFresh(uploaded, clock).violation(ctx));
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
                    + tail(result.stderr()));
        }
    }

    private static String tail(String text) {
        String stripped = text.strip();
        return stripped.length() <= 2000 ? stripped : "..." + stripped.substring(stripped.length() - 2000);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Reads the stacked etcd members as kubelet reports their static pods, on the first master. */
    static final class EtcdPods {

        private static final String READY = "{range .items[*]}{.status.containerStatuses[0].ready}{\"\\n\"}{end}";

        private EtcdPods() {
        }

        static Guards.Members read(StepContext ctx, Host first, Duration timeout) {
            ExecResult result = ctx.executor().exec(first, List.of("kubectl", "--kubeconfig", ADMIN_CONF,
                    "-n", "kube-system", "get", "pods", "-l", "component=etcd", "-o", "jsonpath=" + READY), timeout);
            if (!result.ok()) {
                throw new GantryException(first.name() + ": cannot list the etcd pods to check quorum before a"
                        + " join (exit " + result.exit() + "): " + result.stderr().strip());
            }
            return parse(result.stdout());
        }

        static Guards.Members parse(String lines) {
            List<String> members = lines.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            int healthy = (int) members.stream().filter("true"::equals).count();
            return new Guards.Members(members.size(), healthy, 0);
        }
    }
}
