package dev.gantry.core.etcd;

import dev.gantry.core.GantryException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads an etcd cluster by running {@code etcdctl} on one host through a {@link HostExecutor}: the
 * way lib-core, which has no HTTP client, sees the real membership (learners included) and health.
 * Every call runs with the caller's timeout and etcdctl's own dial and command timeouts (2 s, 5 s).
 *
 * <pre>{@code
 * Etcdctl etcdctl = Etcdctl.kubeadm(Host.of(cp1));           // kubeadm's stacked etcd and its certificates
 * EtcdClusterView view = etcdctl.view(ssh, Duration.ofSeconds(30));
 * QuorumGuard.of(view).canJoin().orThrow();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Etcdctl {

    /** The directory of the certificates kubeadm makes for its stacked etcd. */
    public static final String KUBEADM_PKI = "/etc/kubernetes/pki/etcd";

    private final Host host;
    private final String program;
    private final List<String> endpoints;
    private final List<String> tlsFlags;

    private Etcdctl(Host host, String program, List<String> endpoints, List<String> tlsFlags) {
        this.host = Objects.requireNonNull(host, "host");
        this.program = Objects.requireNonNull(program, "program");
        this.endpoints = List.copyOf(endpoints);
        this.tlsFlags = List.copyOf(tlsFlags);
        if (program.isBlank() || this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcdctl needs a program name and at least one endpoint");
        }
    }

    /**
     * Creates a reader that runs {@code etcdctl} from the host's {@code PATH} against the member on
     * the host itself, {@code http://127.0.0.1:2379}, without TLS.
     *
     * @param host where etcdctl runs
     * @return the reader
     */
    public static Etcdctl of(Host host) {
        return new Etcdctl(host, "etcdctl", List.of("http://127.0.0.1:2379"), List.of());
    }

    /**
     * Creates a reader for kubeadm's stacked etcd on a control-plane host: endpoint {@code
     * https://127.0.0.1:2379} with the CA and the {@code healthcheck-client} certificate under
     * {@value #KUBEADM_PKI}, so it runs as root.
     *
     * @param master a control-plane host that runs an etcd member
     * @return the reader
     */
    public static Etcdctl kubeadm(Host master) {
        return of(master).withEndpoints(List.of("https://127.0.0.1:2379")).withTls(KUBEADM_PKI + "/ca.crt",
                KUBEADM_PKI + "/healthcheck-client.crt", KUBEADM_PKI + "/healthcheck-client.key");
    }

    /**
     * Returns a copy that runs another etcdctl binary.
     *
     * @param path the program, a name on the host's {@code PATH} or an absolute path
     * @return the copy
     */
    public Etcdctl withProgram(String path) {
        return new Etcdctl(host, path, endpoints, tlsFlags);
    }

    /**
     * Returns a copy that talks to other members.
     *
     * @param urls the client URLs for {@code --endpoints}, at least one
     * @return the copy
     */
    public Etcdctl withEndpoints(List<String> urls) {
        return new Etcdctl(host, program, urls, tlsFlags);
    }

    /**
     * Returns a copy that authenticates with client certificates, files on the host.
     *
     * @param caFile the CA bundle ({@code --cacert})
     * @param certFile the client certificate ({@code --cert})
     * @param keyFile the client key ({@code --key}); only its path is passed, never its content
     * @return the copy
     */
    public Etcdctl withTls(String caFile, String certFile, String keyFile) {
        return new Etcdctl(host, program, endpoints, List.of("--cacert=" + Objects.requireNonNull(caFile, "caFile"),
                "--cert=" + Objects.requireNonNull(certFile, "certFile"),
                "--key=" + Objects.requireNonNull(keyFile, "keyFile")));
    }

    /**
     * Returns the host etcdctl runs on.
     *
     * @return the host
     */
    public Host host() {
        return host;
    }

    /**
     * Returns the command line for some etcdctl arguments, with the endpoints, TLS flags and timeouts.
     *
     * @param args the etcdctl command, e.g. {@code member list -w json}
     * @return the program and its arguments
     */
    public List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of(program, "--endpoints=" + String.join(",", endpoints),
                "--dial-timeout=2s", "--command-timeout=5s"));
        argv.addAll(tlsFlags);
        argv.addAll(List.of(args));
        return argv;
    }

    /**
     * Runs etcdctl with some arguments on the host.
     *
     * @param executor how to reach the host
     * @param timeout the longest the command may take
     * @param args the etcdctl command
     * @return what it printed and its exit code
     */
    public ExecResult exec(HostExecutor executor, Duration timeout, String... args) {
        return executor.exec(host, argv(args), timeout);
    }

    /**
     * Tells whether the program is installed on the host ({@code command -v}).
     *
     * @param executor how to reach the host
     * @param timeout the longest the check may take
     * @return whether etcdctl can run there
     */
    public boolean available(HostExecutor executor, Duration timeout) {
        return executor.exec(host, List.of("sh", "-c", "command -v \"$1\" >/dev/null", "sh", program), timeout).ok();
    }

    /**
     * Reads the member list ({@code etcdctl member list -w json}), learners and unstarted members
     * included.
     *
     * @param executor how to reach the host
     * @param timeout the longest the command may take
     * @return the members
     * @throws GantryException naming the host and etcdctl's error when the command fails
     * @throws dev.gantry.core.ParseException when it prints something else than a member list
     */
    public EtcdMemberList memberList(HostExecutor executor, Duration timeout) {
        ExecResult list = exec(executor, timeout, "member", "list", "-w", "json");
        if (!list.ok()) {
            throw new GantryException(host.name() + ": etcdctl member list failed (exit " + list.exit() + "): "
                    + list.stderr().strip() + "; check that etcd runs and that " + endpoints + " are its client URLs");
        }
        return EtcdMemberList.parse(list.stdout(), "etcdctl member list on " + host.name());
    }

    /**
     * Reads the member list, then the health of every member's endpoints ({@code etcdctl endpoint
     * health --cluster -w json}), into one view. A member counts as healthy when one of its client
     * URLs answered healthy; a member that has not started has none and counts as unhealthy.
     *
     * @param executor how to reach the host
     * @param timeout the longest each of the two commands may take
     * @return the view, without alarms or leader
     * @throws GantryException when the member list cannot be read, or the health command prints no JSON
     */
    public EtcdClusterView view(HostExecutor executor, Duration timeout) {
        EtcdMemberList list = memberList(executor, timeout);
        ExecResult health = exec(executor, timeout, "endpoint", "health", "--cluster", "-w", "json");
        Set<String> healthy = healthyEndpoints(health, "etcdctl endpoint health on " + host.name());
        Set<Long> ids = new HashSet<>();
        list.members().stream().filter(m -> m.clientUrls().stream().anyMatch(healthy::contains))
                .forEach(m -> ids.add(m.id()));
        return new EtcdClusterView(list.clusterId(), list.members(), ids, List.of(), 0, Map.of());
    }

    /**
     * The endpoints that answered healthy. etcdctl exits 1 when any endpoint is unhealthy but still
     * prints every endpoint's answer, so the output counts, not the exit code.
     */
    static Set<String> healthyEndpoints(ExecResult health, String source) {
        if (health.stdout().isBlank()) {
            throw new GantryException(source + " printed nothing (exit " + health.exit() + "): "
                    + health.stderr().strip());
        }
        EtcdJson.Root root = EtcdJson.read(health.stdout(), source, "a JSON array of endpoint health");
        if (!root.tree().isArray()) {
            throw root.reader().wrong("", "a JSON array of endpoint health", root.tree());
        }
        Set<String> healthy = new HashSet<>();
        for (JsonNode endpoint : root.tree()) {
            if (root.reader().flag(endpoint, "health")) {
                healthy.add(root.reader().text(endpoint, "endpoint", true));
            }
        }
        return healthy;
    }

    /**
     * Describes the reader by host, program and endpoints; key files appear by path only.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Etcdctl[" + host.name() + ": " + program + " " + endpoints + (tlsFlags.isEmpty() ? "" : " tls") + "]";
    }
}
