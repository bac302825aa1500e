package dev.gantry.test.harness;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A real etcd cluster of one or more members on {@code 127.0.0.1} (Debian package
 * {@code etcd-server}), each member with its own client and peer ports and its own data
 * directory, started with the flags recorded in {@code shared/research/real-components.md},
 * section 2, and a fresh cluster token.
 *
 * <p>For etcd with {@code --client-cert-auth}, as kubeadm runs it, see {@link EtcdTlsCluster}.
 *
 * <p>{@link #start(RealProcesses, int)} returns once every member answers {@code GET /health}
 * with 200, that is once the cluster has a leader. Members are numbered from 0 in the methods and
 * named {@code e1}, {@code e2}, … in etcd. Kill a member with {@code member(i).kill()} to simulate
 * a crash. A test gets one as a parameter through {@link RealPrograms} (three members unless
 * {@link EtcdMembers} says otherwise), or starts one through {@link RealProcesses}:
 *
 * <pre>{@code
 * EtcdCluster etcd = EtcdCluster.start(processes, 3);
 * List<URI> clients = etcd.clientUrls();
 * etcd.member(2).kill();
 * }</pre>
 *
 * <p>Immutable once started; thread-safe.
 */
public final class EtcdCluster {

    /** How long the members get to form the cluster: generous, as builds share the machine. */
    private static final Duration FORMING = Duration.ofSeconds(60);

    private final List<RealProcess> members;
    private final List<Integer> ports;
    private final String token;
    private final String scheme;

    private EtcdCluster(List<RealProcess> members, List<Integer> ports, String token, String scheme) {
        this.members = List.copyOf(members);
        this.ports = List.copyOf(ports);
        this.token = token;
        this.scheme = scheme;
    }

    /**
     * Starts a cluster and waits (at most 60 s) until every member reports itself healthy.
     *
     * @param processes the test's process scope, which stops the members after the test
     * @param members how many members, at least 1
     * @return the running cluster
     * @throws IllegalArgumentException when {@code members} is less than 1
     * @throws org.opentest4j.TestAbortedException when etcd is not installed, outside CI
     * @throws AssertionError when etcd is not installed on CI, or the cluster does not form in time
     */
    public static EtcdCluster start(RealProcesses processes, int members) {
        return start(processes, members, Optional.empty());
    }

    /** Starts plain members, or members that speak mutual TLS to clients and peers with {@code pki}. */
    static EtcdCluster start(RealProcesses processes, int members, Optional<EtcdPki> pki) {
        Objects.requireNonNull(processes, "processes");
        requireMembers(members);
        Path etcd = Programs.require("etcd", "etcd-server");
        List<Integer> ports = LoopbackPorts.allocate(2 * members);
        String token = "gantry-harness-" + UUID.randomUUID();
        String scheme = pki.isPresent() ? "https" : "http";
        String cluster = IntStream.range(0, members)
                .mapToObj(i -> memberName(i) + "=" + url(scheme, ports.get(2 * i + 1)))
                .collect(Collectors.joining(","));
        List<RealProcess> started = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            int member = i;
            List<String> tls = pki.map(p -> p.flags(member)).orElse(List.of());
            started.add(processes.start(member(etcd, i, scheme, ports, cluster, token, tls)));
        }
        EtcdCluster formed = new EtcdCluster(started, ports, token, scheme);
        for (int i = 0; i < members; i++) {
            URI client = formed.clientUrl(i);
            Readiness health = pki.map(p -> p.health(client))
                    .orElseGet(() -> Readiness.httpOk(client.resolve("/health")));
            started.get(i).await(health, FORMING);
        }
        return formed;
    }

    static void requireMembers(int members) {
        if (members < 1) {
            throw new IllegalArgumentException("an etcd cluster needs at least 1 member, got " + members);
        }
    }

    private static RealProcess.Builder member(Path etcd, int i, String scheme, List<Integer> ports, String cluster,
            String token, List<String> tls) {
        String client = url(scheme, ports.get(2 * i));
        String peer = url(scheme, ports.get(2 * i + 1));
        // Each member waits for its peers before it serves clients; its peer port listens at once.
        return RealProcess.builder("etcd-" + memberName(i))
                .commandInWorkDir(dir -> Stream.concat(Stream.of(etcd.toString(),
                        "--name", memberName(i),
                        "--data-dir", dir.resolve("data").toString(),
                        "--listen-client-urls", client,
                        "--advertise-client-urls", client,
                        "--listen-peer-urls", peer,
                        "--initial-advertise-peer-urls", peer,
                        "--initial-cluster", cluster,
                        "--initial-cluster-state", "new",
                        "--initial-cluster-token", token), tls.stream()).toList())
                .readiness(Readiness.tcpPort(LoopbackPorts.HOST, ports.get(2 * i + 1)), FORMING);
    }

    /**
     * How many members the cluster was started with.
     *
     * @return at least 1
     */
    public int size() {
        return members.size();
    }

    /**
     * A member's name in etcd: {@code e1} for member 0.
     *
     * @param index the member, from 0
     * @return the name
     */
    public String name(int index) {
        checkIndex(index);
        return memberName(index);
    }

    /**
     * The address a member serves clients on.
     *
     * @param index the member, from 0
     * @return such as {@code http://127.0.0.1:41234}
     */
    public URI clientUrl(int index) {
        checkIndex(index);
        return URI.create(url(scheme, ports.get(2 * index)));
    }

    /**
     * Every member's client address, member 0 first.
     *
     * @return the addresses
     */
    public List<URI> clientUrls() {
        return IntStream.range(0, size()).mapToObj(this::clientUrl).toList();
    }

    /**
     * The address a member talks to its peers on.
     *
     * @param index the member, from 0
     * @return such as {@code http://127.0.0.1:41235}
     */
    public URI peerUrl(int index) {
        checkIndex(index);
        return URI.create(url(scheme, ports.get(2 * index + 1)));
    }

    /**
     * A member's process, to stop or kill it.
     *
     * @param index the member, from 0
     * @return the process
     */
    public RealProcess member(int index) {
        checkIndex(index);
        return members.get(index);
    }

    /**
     * A member's data directory ({@code --data-dir}), inside its working directory.
     *
     * @param index the member, from 0
     * @return the directory
     */
    public Path dataDir(int index) {
        return member(index).workDir().resolve("data");
    }

    /**
     * The cluster token ({@code --initial-cluster-token}), fresh for every cluster.
     *
     * @return the token
     */
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "etcd cluster of " + size() + " " + clientUrls();
    }

    private void checkIndex(int index) {
        Objects.checkIndex(index, members.size());
    }

    static String memberName(int index) {
        return "e" + (index + 1);
    }

    private static String url(String scheme, int port) {
        return scheme + "://" + LoopbackPorts.HOST + ":" + port;
    }
}
