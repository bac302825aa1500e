package dev.gantry.core.controlplane;

import dev.gantry.core.etcd.Quorum;
import dev.gantry.core.workflow.Workflow;

import dev.gantry.core.GantryException;
import dev.gantry.core.Report;
import dev.gantry.core.Secret;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of {@link ControlPlanePlanner#plan}: what was found about the topology, and the files
 * each host needs.
 *
 * <pre>{@code
 * ControlPlanePlan plan = ControlPlanePlanner.plan(inventory, spec, HaPolicy.ofDefaults());
 * plan.report().print();                     // quorum, failures tolerated, spread, endpoint, findings
 * plan.report().orThrow();                   // stop when a rule failed
 * plan.artifactsFor("cp-1").forEach(System.out::println);
 * plan.writeTo(Path.of("out"));              // out/cp-1/etc/kubernetes/gantry/kubeadm-init.yaml, ...
 * }</pre>
 *
 * <p>The join token and the kubeadm certificate key appear, revealed, only in the artifacts that
 * need them (kubeadm and k3s configurations); {@link #toString()}, the report and every other
 * artifact leave them out. Immutable and thread-safe.
 */
public final class ControlPlanePlan {

    private final ControlPlaneSpec spec;
    private final Optional<Quorum> quorum;
    private final Report report;
    private final List<Artifact> artifacts;
    private final JoinSecrets secrets;
    private final Workflow workflow;

    ControlPlanePlan(ControlPlaneSpec spec, Optional<Quorum> quorum, Report report, List<Artifact> artifacts,
            JoinSecrets secrets, Workflow workflow) {
        this.spec = spec;
        this.quorum = quorum;
        this.report = report;
        this.artifacts = List.copyOf(artifacts);
        this.secrets = secrets;
        this.workflow = workflow;
    }

    /**
     * Returns the spec the plan was made from, with its secrets as given, not as generated.
     *
     * @return the spec
     */
    public ControlPlaneSpec spec() {
        return spec;
    }

    /**
     * Returns the quorum of the voting etcd members.
     *
     * @return the quorum, or empty when there are no voting members
     */
    public Optional<Quorum> quorum() {
        return quorum;
    }

    /**
     * Returns the findings: quorum size, failures tolerated, failure-domain spread and endpoint,
     * then one finding per rule, and a Mermaid diagram for {@link Report#toMarkdown()}.
     *
     * @return the report; {@link Report#ok()} when no rule failed
     */
    public Report report() {
        return report;
    }

    /**
     * Returns every file to write: the kubeadm or k3s files (masters in inventory order, then
     * workers), then the HAProxy, keepalived and external etcd files.
     *
     * @return the artifacts; unmodifiable
     */
    public List<Artifact> artifacts() {
        return artifacts;
    }

    /**
     * Returns the files for one host.
     *
     * @param host the inventory name of the machine, e.g. {@code cp-1}
     * @return its artifacts, possibly none
     */
    public List<Artifact> artifactsFor(String host) {
        Objects.requireNonNull(host, "host");
        return artifacts.stream().filter(a -> a.host().equals(host)).toList();
    }

    /**
     * Returns the steps that apply this plan, host by host: write every artifact (skipped when the
     * file on the host already has the same SHA-256), start HAProxy and keepalived on the masters
     * and any external etcd members ({@code systemctl enable --now}), then for kubeadm
     * {@code kubeadm init --upload-certs} on the first master, {@code kubeadm join} on the other
     * masters one at a time, and on the workers; for k3s, start {@code k3s} on the masters in order
     * and {@code k3s-agent} on the workers. Each master join is guarded: it refuses to start when the
     * uploaded certificates expire within 10 minutes, or when the stacked etcd members that kubelet
     * reports ready would not keep quorum with the new member counted as down. Steps that touch
     * hosts retry transient errors.
     *
     * <p>The hosts need kubeadm and kubelet (or k3s, installed with {@code INSTALL_K3S_SKIP_START})
     * and systemd. Check the report first:
     *
     * <pre>{@code
     * plan.report().orThrow();
     * Workflow apply = plan.workflow().withExecutor(OpenSshExecutor.newBuilder().build());
     * apply.dryRun().print();
     * apply.run(Progress.console()).orThrow();
     * }</pre>
     *
     * @return the workflow; it runs on this machine until given an executor with
     *     {@link Workflow#withExecutor}
     */
    public Workflow workflow() {
        return workflow;
    }

    /**
     * Returns the join token, as given in the spec or generated; workers need it to join.
     *
     * @return the token
     */
    public Secret token() {
        return secrets.token();
    }

    /**
     * Returns the kubeadm certificate key, as given or generated.
     *
     * @return the key, or empty for k3s
     */
    public Optional<Secret> certificateKey() {
        return secrets.certificateKey();
    }

    /**
     * Writes every artifact below a local directory as {@code directory/<host>/<path>}, with its
     * mode where the file system supports POSIX permissions; for reviewing a plan or handing it to
     * other tools.
     *
     * @param directory the directory to write into; created when missing
     * @return the directory
     * @throws GantryException naming the file when writing fails
     */
    public Path writeTo(Path directory) {
        Objects.requireNonNull(directory, "directory");
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        for (Artifact a : artifacts) {
            Path file = directory.resolve(a.host()).resolve(a.path().substring(1)).normalize();
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, a.content());
                if (posix) {
                    Files.setPosixFilePermissions(file, permissions(a.mode()));
                }
            } catch (IOException e) {
                throw new GantryException("cannot write " + a.host() + ":" + a.path() + " to " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return directory;
    }

    /**
     * Describes the plan without its secrets.
     *
     * @return the distribution, endpoint, member count, artifact count and report summary
     */
    @Override
    public String toString() {
        return "ControlPlanePlan[" + spec.distribution() + " "
                + spec.endpoint().map(ApiEndpoint::url).orElse("no endpoint")
                + ", " + quorum.map(Quorum::toString).orElse("no voting members") + ", " + artifacts.size()
                + " artifacts, " + report.summary() + "]";
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
