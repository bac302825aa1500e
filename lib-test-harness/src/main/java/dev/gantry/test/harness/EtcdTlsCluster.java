package dev.gantry.test.harness;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A real etcd cluster on {@code 127.0.0.1} that speaks only mutual TLS, as kubeadm runs it: like
 * {@link EtcdCluster}, with {@code https} client and peer URLs, and every member started with
 * etcd's documented TLS flags ({@code --cert-file}, {@code --key-file}, {@code --trusted-ca-file},
 * {@code --client-cert-auth} and their {@code --peer-} twins), so a client without a certificate
 * of the cluster's CA is refused.
 *
 * <p>The harness makes a private PKI with the real {@code openssl} (Debian package
 * {@code openssl}) for each cluster: a CA ({@code CN=gantry-test-etcd-ca}), a server certificate
 * per member ({@code CN=etcd-e1}, {@code CN=etcd-e2}, …, valid for IP 127.0.0.1) and a client
 * certificate ({@code CN=gantry-test-etcd-client}) whose key is unencrypted PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}), kubeadm's format. The CA's key is deleted once the certificates
 * are signed; the other keys live in a private directory under {@code gantry.it.work} that is
 * deleted, after the members stop, at the end of the test (or class) that started the cluster.
 * Nothing here prints key material.
 *
 * <p>{@link #start(RealProcesses, int)} returns once every member answers {@code GET /health}
 * with 200 over mutual TLS with the client certificate. A test gets one as a parameter through
 * {@link RealPrograms} (three members unless {@link EtcdMembers} says otherwise):
 *
 * <pre>{@code
 * @Test
 * void readsHealthyOverMutualTls(@EtcdMembers(1) EtcdTlsCluster etcd) {
 *     // etcdctl --cacert etcd.caBundle() --cert etcd.clientCertificate() --key etcd.clientKey()
 *     //     --endpoints etcd.clientUrls() endpoint health
 * }
 * }</pre>
 *
 * <p>Immutable once started; thread-safe.
 */
public final class EtcdTlsCluster {

    private final EtcdCluster cluster;
    private final EtcdPki pki;

    private EtcdTlsCluster(EtcdCluster cluster, EtcdPki pki) {
        this.cluster = cluster;
        this.pki = pki;
    }

    /**
     * Makes the cluster's PKI, starts the members and waits (at most 60 s) until every member
     * reports itself healthy over mutual TLS.
     *
     * @param processes the test's process scope, which stops the members and then deletes the keys
     * @param members how many members, at least 1
     * @return the running cluster
     * @throws IllegalArgumentException when {@code members} is less than 1
     * @throws org.opentest4j.TestAbortedException when etcd or openssl is not installed, outside CI
     * @throws AssertionError when one is not installed on CI, or the cluster does not form in time
     * @throws IllegalStateException when openssl fails to make the certificates
     */
    public static EtcdTlsCluster start(RealProcesses processes, int members) {
        Objects.requireNonNull(processes, "processes");
        EtcdCluster.requireMembers(members);
        Programs.require("etcd", "etcd-server");
        Path openssl = Programs.require("openssl", "openssl");
        EtcdPki pki = EtcdPki.create(openssl, processes.directory("etcd-tls-pki"), members);
        return new EtcdTlsCluster(EtcdCluster.start(processes, members, Optional.of(pki)), pki);
    }

    /**
     * How many members the cluster was started with.
     *
     * @return at least 1
     */
    public int size() {
        return cluster.size();
    }

    /**
     * A member's name in etcd: {@code e1} for member 0.
     *
     * @param index the member, from 0
     * @return the name
     */
    public String name(int index) {
        return cluster.name(index);
    }

    /**
     * The address a member serves clients on, over TLS only.
     *
     * @param index the member, from 0
     * @return such as {@code https://127.0.0.1:41234}
     */
    public URI clientUrl(int index) {
        return cluster.clientUrl(index);
    }

    /**
     * Every member's client address, member 0 first.
     *
     * @return the {@code https} addresses
     */
    public List<URI> clientUrls() {
        return cluster.clientUrls();
    }

    /**
     * The address a member talks to its peers on, over mutual TLS.
     *
     * @param index the member, from 0
     * @return such as {@code https://127.0.0.1:41235}
     */
    public URI peerUrl(int index) {
        return cluster.peerUrl(index);
    }

    /**
     * A member's process, to stop or kill it.
     *
     * @param index the member, from 0
     * @return the process
     */
    public RealProcess member(int index) {
        return cluster.member(index);
    }

    /**
     * A member's data directory ({@code --data-dir}), inside its working directory.
     *
     * @param index the member, from 0
     * @return the directory
     */
    public Path dataDir(int index) {
        return cluster.dataDir(index);
    }

    /**
     * The cluster token ({@code --initial-cluster-token}), fresh for every cluster.
     *
     * @return the token
     */
    public String token() {
        return cluster.token();
    }

    /**
     * The PEM certificate of the cluster's private CA, which signed the members' and the client's
     * certificates: what a client trusts, like etcdctl's {@code --cacert}.
     *
     * @return the file
     */
    public Path caBundle() {
        return pki.caBundle();
    }

    /**
     * The PEM client certificate that the members accept, like etcdctl's {@code --cert}.
     *
     * @return the file
     */
    public Path clientCertificate() {
        return pki.clientCertificate();
    }

    /**
     * The client certificate's unencrypted PKCS#1 PEM private key, like etcdctl's {@code --key};
     * deleted when the cluster stops.
     *
     * @return the file
     */
    public Path clientKey() {
        return pki.clientKey();
    }

    @Override
    public String toString() {
        return "etcd cluster of " + size() + " over mutual TLS " + clientUrls();
    }
}
