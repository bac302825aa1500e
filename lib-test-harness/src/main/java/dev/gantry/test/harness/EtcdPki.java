package dev.gantry.test.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The private PKI of one {@link EtcdTlsCluster}, made with the real {@code openssl} in a directory
 * that the cluster's scope deletes: a CA ({@code CN=gantry-test-etcd-ca}), a server certificate
 * per member ({@code CN=etcd-e1}, …; IP SAN 127.0.0.1; server and client use, as members are each
 * other's clients over peer TLS) and a client certificate ({@code CN=gantry-test-etcd-client}) with
 * its key in PKCS#1, kubeadm's format. The CA's key is deleted as soon as the certificates are
 * signed. Certificates are valid for two days. Immutable.
 */
final class EtcdPki {

    static final String CA_SUBJECT = "/CN=gantry-test-etcd-ca";
    static final String CLIENT_SUBJECT = "/CN=gantry-test-etcd-client";
    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(60);
    private static final String DAYS = "2";

    private final Path dir;
    private final SSLContext clientContext;

    private EtcdPki(Path dir) {
        this.dir = dir;
        this.clientContext = PemTls.of(caBundle(), clientCertificate(), clientKey());
    }

    /**
     * Makes the certificates and keys in {@code dir}.
     *
     * @param openssl the openssl program
     * @param dir an empty directory that is deleted with the cluster
     * @param members how many server certificates
     * @return the PKI
     * @throws IllegalStateException when openssl fails, with its output
     */
    static EtcdPki create(Path openssl, Path dir, int members) {
        try {
            Files.writeString(dir.resolve("server.ext"),
                    "subjectAltName=IP:" + LoopbackPorts.HOST + "\nextendedKeyUsage=serverAuth,clientAuth\n");
            Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate extensions into " + dir, e);
        }
        String o = openssl.toString();
        run(dir, o, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", DAYS, "-subj", CA_SUBJECT);
        for (int i = 0; i < members; i++) {
            String name = memberFile(i);
            run(dir, o, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                    "-subj", "/CN=etcd-" + EtcdCluster.memberName(i));
            sign(dir, o, name, "server.ext");
        }
        run(dir, o, "genrsa", "-traditional", "-out", "client.key", "2048");
        run(dir, o, "req", "-new", "-key", "client.key", "-out", "client.csr", "-subj", CLIENT_SUBJECT);
        sign(dir, o, "client", "client.ext");
        deleteAll(dir, "ca.key", "ca.srl", "server.ext", "client.ext", "client.csr");
        for (int i = 0; i < members; i++) {
            deleteAll(dir, memberFile(i) + ".csr");
        }
        return new EtcdPki(dir);
    }

    Path caBundle() {
        return dir.resolve("ca.crt");
    }

    Path clientCertificate() {
        return dir.resolve("client.crt");
    }

    Path clientKey() {
        return dir.resolve("client.key");
    }

    /** etcd's client and peer TLS flags for a member, with client certificates required on both. */
    List<String> flags(int member) {
        String certificate = dir.resolve(memberFile(member) + ".crt").toString();
        String key = dir.resolve(memberFile(member) + ".key").toString();
        String ca = caBundle().toString();
        return List.of("--cert-file", certificate, "--key-file", key, "--trusted-ca-file", ca, "--client-cert-auth",
                "--peer-cert-file", certificate, "--peer-key-file", key, "--peer-trusted-ca-file", ca,
                "--peer-client-cert-auth");
    }

    /** Ready when {@code GET /health} answers 2xx over mutual TLS with the client certificate. */
    Readiness health(URI clientUrl) {
        return Readiness.httpOk(clientUrl.resolve("/health"), clientContext);
    }

    private static String memberFile(int member) {
        return "server-" + EtcdCluster.memberName(member);
    }

    private static void sign(Path dir, String openssl, String name, String extensions) {
        run(dir, openssl, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", name + ".crt", "-days", DAYS, "-extfile", extensions);
    }

    private static void deleteAll(Path dir, String... files) {
        try {
            for (String file : files) {
                Files.deleteIfExists(dir.resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a temporary PKI file in " + dir, e);
        }
    }

    /** Runs openssl in {@code dir}; it writes keys to files only, so its output holds no key. */
    private static void run(Path dir, String... argv) {
        List<String> command = List.of(argv);
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(OPENSSL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish within " + OPENSSL_TIMEOUT.toSeconds()
                        + " s: " + String.join(" ", command));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("openssl exited " + process.exitValue() + " in " + dir + ": "
                        + String.join(" ", command) + "\n" + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl: " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl: " + String.join(" ", command), e);
        }
    }
}
