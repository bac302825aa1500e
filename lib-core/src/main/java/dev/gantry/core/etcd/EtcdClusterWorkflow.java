package dev.gantry.core.etcd;

import dev.gantry.core.internal.Checks;
import dev.gantry.core.workflow.Retry;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Provisions an N-member etcd cluster on hosts without systemd, as a resumable {@link Workflow}.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li>per member, {@code etcd <name>: write settings}: creates the state and data directories
 *       and uploads {@code <stateDir>/<name>.env} (the {@code ETCD_*} settings, mode 0600) and
 *       {@code <stateDir>/<name>.sh} (the start script, 0755). Done when both files already hold
 *       exactly that content and the data directory exists;
 *   <li>per member, {@code etcd <name>: start}: starts the script with {@code setsid nohup} in
 *       the background, output to {@code <name>.log}, its PID in {@code <name>.pid}, then waits
 *       until it runs. Done when the PID in the pid file is alive and its environment names the
 *       member's data directory (so a reused PID is not mistaken for the member);
 *   <li>{@code etcd cluster: healthy}: {@code etcdctl endpoint health} over every member, awaited
 *       up to the health deadline;
 *   <li>{@code etcd cluster: membership}: {@code etcdctl member list} names exactly the planned
 *       members with their peer URLs.
 * </ol>
 * Members start one at a time; the first ones wait for their peers, as etcd does for a new
 * cluster. Per-member steps retry {@link EtcdErrors#isTransient transient} failures and stop at once
 * on a quorum loss ({@link EtcdErrors#retry}).
 *
 * <pre>{@code
 * EtcdClusterWorkflow etcd = EtcdClusterWorkflow.builder()
 *         .member(EtcdMemberSpec.of("e1", Host.of(m1), 2379, 2380, "/var/lib/etcd"))
 *         .member(EtcdMemberSpec.of("e2", Host.of(m2), 2379, 2380, "/var/lib/etcd"))
 *         .member(EtcdMemberSpec.of("e3", Host.of(m3), 2379, 2380, "/var/lib/etcd"))
 *         .build();
 * etcd.workflow().withExecutor(ssh).run(Progress.console()).orThrow();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EtcdClusterWorkflow {

    private final List<EtcdMemberSpec> members;
    private final String stateDir;
    private final String etcd;
    private final String etcdctl;
    private final String clusterToken;
    private final Duration commandTimeout;
    private final Duration startDeadline;
    private final Duration healthDeadline;

    private EtcdClusterWorkflow(Builder b) {
        this.members = List.copyOf(b.members);
        this.stateDir = b.stateDir;
        this.etcd = b.etcd;
        this.etcdctl = b.etcdctl;
        this.clusterToken = b.clusterToken;
        this.commandTimeout = b.commandTimeout;
        this.startDeadline = b.startDeadline;
        this.healthDeadline = b.healthDeadline;
    }

    /**
     * Returns a builder with the defaults: state in {@code /var/lib/gantry/etcd}, {@code /usr/bin/etcd}.
     *
     * @return a builder with the defaults: state in {@code /var/lib/gantry/etcd}, {@code /usr/bin/etcd}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the members, in start order.
     *
     * @return the members, in start order
     */
    public List<EtcdMemberSpec> members() {
        return members;
    }

    /**
     * Returns the client URLs of every member, comma-separated, for {@code --endpoints}.
     *
     * @return the client URLs of every member, comma-separated, for {@code --endpoints}
     */
    public String endpoints() {
        return members.stream().map(EtcdMemberSpec::clientUrl).collect(Collectors.joining(","));
    }

    /**
     * Returns {@code name=peerUrl,...}, the {@code --initial-cluster} of every member.
     *
     * @return {@code name=peerUrl,...}, the {@code --initial-cluster} of every member
     */
    public String initialCluster() {
        return members.stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
    }

    /**
     * Returns the file on the member's host that holds its etcd PID.
     *
     * @param member one of {@link #members()}
     * @return the file on the member's host that holds its etcd PID
     */
    public String pidFile(EtcdMemberSpec member) {
        return files(member).pid();
    }

    /**
     * Returns the file on the member's host that receives its etcd output.
     *
     * @param member one of {@link #members()}
     * @return the file on the member's host that receives its etcd output
     */
    public String logFile(EtcdMemberSpec member) {
        return files(member).log();
    }

    /**
     * Returns the steps described above, run through a {@code LocalExecutor} unless given another.
     *
     * @return the steps described above, run through a {@code LocalExecutor} unless given another
     */
    public Workflow workflow() {
        Retry transientRetry = EtcdErrors.retry(3, Duration.ofSeconds(1));
        List<Step> steps = new ArrayList<>();
        for (EtcdMemberSpec member : members) {
            steps.addAll(new MemberSteps(files(member), stateDir, commandTimeout, startDeadline, transientRetry).steps());
        }
        steps.addAll(new ClusterSteps(members, etcdctl, commandTimeout, healthDeadline).steps());
        return Workflow.of(steps);
    }

    private MemberFiles files(EtcdMemberSpec member) {
        if (!members.contains(member)) {
            throw new IllegalArgumentException(member.name() + " is not a member of " + initialCluster());
        }
        return MemberFiles.of(member, stateDir, etcd, initialCluster(), clusterToken);
    }

    @Override
    public String toString() {
        return "EtcdClusterWorkflow[" + initialCluster() + "]";
    }

    /** Settings of an {@link EtcdClusterWorkflow}; each setter validates at once. Not thread-safe. */
    public static final class Builder {

        private final List<EtcdMemberSpec> members = new ArrayList<>();
        private String stateDir = "/var/lib/gantry/etcd";
        private String etcd = "/usr/bin/etcd";
        private String etcdctl = "/usr/bin/etcdctl";
        private String clusterToken = "gantry-etcd";
        private Duration commandTimeout = Duration.ofSeconds(30);
        private Duration startDeadline = Duration.ofSeconds(60);
        private Duration healthDeadline = Duration.ofSeconds(90);

        private Builder() {}

        /**
         * Adds a member; members start in the order they are added.
         *
         * @param member a member to add; names, data directories and host ports must be unique
         * @return this builder
         */
        public Builder member(EtcdMemberSpec member) {
            Objects.requireNonNull(member, "member");
            for (EtcdMemberSpec other : members) {
                if (other.name().equals(member.name())) {
                    throw new IllegalArgumentException("two etcd members are named " + member.name());
                }
                boolean sameHost = other.host().address().equals(member.host().address());
                Set<Integer> ports = new HashSet<>(List.of(other.clientPort(), other.peerPort()));
                if (sameHost && (ports.contains(member.clientPort()) || ports.contains(member.peerPort())
                        || other.dataDir().equals(member.dataDir()))) {
                    throw new IllegalArgumentException("etcd members " + other.name() + " and " + member.name()
                            + " share a port or data directory on " + member.host().address());
                }
            }
            members.add(member);
            return this;
        }

        /**
         * Sets the directory for the members' settings, scripts, PIDs and logs.
         *
         * @param dir absolute directory on each host for the members' settings, scripts, PIDs and
         *     logs; default {@code /var/lib/gantry/etcd}
         * @return this builder
         */
        public Builder stateDir(String dir) {
            this.stateDir = absolute("stateDir", dir);
            return this;
        }

        /**
         * Sets the etcd binary on the hosts.
         *
         * @param path the etcd binary on the hosts; default {@code /usr/bin/etcd}
         * @return this builder
         */
        public Builder etcd(String path) {
            this.etcd = absolute("etcd", path);
            return this;
        }

        /**
         * Sets the etcdctl binary on the first member's host.
         *
         * @param path the etcdctl binary on the first member's host; default {@code /usr/bin/etcdctl}
         * @return this builder
         */
        public Builder etcdctl(String path) {
            this.etcdctl = absolute("etcdctl", path);
            return this;
        }

        /**
         * Sets the cluster token.
         *
         * @param token the {@code --initial-cluster-token}, unique per cluster; default {@code gantry-etcd}
         * @return this builder
         */
        public Builder clusterToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("clusterToken must not be blank");
            }
            this.clusterToken = token;
            return this;
        }

        /**
         * Sets the timeouts of commands, of a member's start and of the cluster's health.
         *
         * @param timeout the timeout of each command run on a host; default 30 s
         * @param startDeadline how long a started member may take to run; default 60 s
         * @param healthDeadline how long the cluster may take to become healthy; default 90 s
         * @return this builder
         */
        public Builder timeouts(Duration timeout, Duration startDeadline, Duration healthDeadline) {
            this.commandTimeout = positive("timeout", timeout);
            this.startDeadline = positive("startDeadline", startDeadline);
            this.healthDeadline = positive("healthDeadline", healthDeadline);
            return this;
        }

        /**
         * Builds the workflow's definition.
         *
         * @return the workflow's definition
         * @throws IllegalStateException when no member was added
         */
        public EtcdClusterWorkflow build() {
            if (members.isEmpty()) {
                throw new IllegalStateException("an etcd cluster needs at least one member");
            }
            return new EtcdClusterWorkflow(this);
        }

        private static String absolute(String field, String path) {
            Objects.requireNonNull(path, field);
            if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
                throw new IllegalArgumentException(field + " must be an absolute path without a trailing '/', got '"
                        + path + "'");
            }
            return path;
        }

        private static Duration positive(String field, Duration value) {
            return Checks.positive(value, field);
        }
    }
}
