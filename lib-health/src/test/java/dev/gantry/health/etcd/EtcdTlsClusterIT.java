package dev.gantry.health.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.Programs;
import dev.gantry.test.harness.Readiness;
import dev.gantry.test.harness.RealProcess;
import dev.gantry.test.harness.RealProcesses;
import dev.gantry.health.CheckResult;
import dev.gantry.health.Status;
import dev.gantry.health.HttpEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EtcdClusterCheck} over mutual TLS against a real three-member etcd 3.4 (Debian
 * {@code etcd-server}) started with {@code --client-cert-auth}, as kubeadm runs it (issue 13 §2).
 * The CA, the server certificate (IP SAN 127.0.0.1) and the client certificate are made by the
 * test with openssl; the client key in PKCS#1 ({@code RSA PRIVATE KEY}), kubeadm's format. Cluster
 * flags as in shared/research/real-components.md, section 2, plus etcd's documented TLS flags
 * ({@code --cert-file}, {@code --key-file}, {@code --trusted-ca-file}, {@code --client-cert-auth}).
 * The key files are removed at the end.
 */
class EtcdTlsClusterIT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    private static final Duration FORMING = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private Path pki;
    private final List<String> clientUrls = new ArrayList<>();

    @BeforeEach
    void startThreeTlsMembers() throws Exception {
        Path etcd = Programs.require("etcd", "etcd-server");
        Path openssl = Programs.require("openssl", "openssl");
        pki = Files.createTempDirectory("gantry-etcd-tls");
        makeCertificates(openssl);
        List<Integer> ports = LoopbackPorts.allocate(6);
        String cluster = IntStream.range(0, 3).mapToObj(i -> "e" + (i + 1) + "=http://127.0.0.1:" + ports.get(2 * i + 1))
                .collect(Collectors.joining(","));
        String token = "gantry-it-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            String client = "https://127.0.0.1:" + ports.get(2 * i);
            String peer = "http://127.0.0.1:" + ports.get(2 * i + 1);
            clientUrls.add(client);
            String name = "e" + (i + 1);
            processes.start(RealProcess.builder("etcd-tls-" + name)
                    .commandInWorkDir(dir -> List.of(etcd.toString(), "--name", name,
                            "--data-dir", dir.resolve("data").toString(),
                            "--listen-client-urls", client, "--advertise-client-urls", client,
                            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                            "--initial-cluster", cluster, "--initial-cluster-state", "new",
                            "--initial-cluster-token", token,
                            "--cert-file", pki.resolve("server.crt").toString(),
                            "--key-file", pki.resolve("server.key").toString(),
                            "--trusted-ca-file", pki.resolve("ca.crt").toString(),
                            "--client-cert-auth"))
                    .readiness(Readiness.tcpPort(LoopbackPorts.HOST, ports.get(2 * i + 1)), FORMING));
        }
    }

    @AfterEach
    void removeTheKeys() throws IOException {
        if (pki != null) {
            try (Stream<Path> files = Files.walk(pki)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            assertThat(pki).doesNotExist();
        }
    }

    @Test
    void aHealthyClusterReadsHealthyOverMutualTlsAndNoKeyPrints() throws Exception {
        List<HttpEndpoint> endpoints = endpoints(pki.resolve("ca.crt"));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CheckResult up;
        String described;
        PrintStream err = System.err;
        PrintStream out = System.out;
        try (PrintStream tee = new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8)) {
            System.setErr(tee);
            System.setOut(tee);
            try (EtcdClusterCheck check = EtcdClusterCheck.of(endpoints)) {
                up = awaitStatus(check, Status.UP);
                described = check + " " + endpoints + " " + check.read();
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }

        assertThat(up.reason()).hasValue(EtcdClusterCheck.OK);
        assertThat(up.details()).containsEntry("members", 3).containsEntry("healthy", 3);
        String everything = captured.toString(StandardCharsets.UTF_8) + up + up.details() + described;
        assertThat(everything).contains("key=****");
        for (String keyLine : keyLines()) {
            assertThat(everything).doesNotContain(keyLine);
        }
    }

    @Test
    void aWrongCaFailsNamingTheCertificateProblem() throws Exception {
        try (EtcdClusterCheck check = EtcdClusterCheck.of(endpoints(pki.resolve("wrong-ca.crt")))) {
            CheckResult down = awaitStatus(check, Status.DOWN);

            assertThat(down.reason()).hasValue(EtcdClusterCheck.UNREACHABLE);
            assertThat(down.message()).contains("SSLHandshakeException");
            Throwable error = catchThrowable(check::read);
            assertThat(error).isInstanceOf(EtcdException.class)
                    .hasMessageContaining("the server's certificate CN=gantry-etcd-server issued by CN=gantry-it-ca")
                    .hasMessageContaining("is not trusted by the CA bundle (CN=gantry-wrong-ca)")
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    private List<HttpEndpoint> endpoints(Path ca) {
        return clientUrls.stream().map(url -> HttpEndpoint.of(url).withTimeout(CALL_TIMEOUT).withCaBundle(ca)
                .withClientCertificate(pki.resolve("client.crt"), pki.resolve("client.key"))).toList();
    }

    private List<String> keyLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String key : List.of("client.key", "server.key", "ca.key")) {
            Files.readAllLines(pki.resolve(key)).stream().filter(line -> !line.startsWith("-----")).forEach(lines::add);
        }
        return lines;
    }

    private void makeCertificates(Path openssl) throws Exception {
        Files.writeString(pki.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n");
        Files.writeString(pki.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        String o = openssl.toString();
        run(o, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "1",
                "-subj", "/CN=gantry-it-ca");
        run(o, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "wrong-ca.key", "-out", "wrong-ca.crt",
                "-days", "1", "-subj", "/CN=gantry-wrong-ca");
        run(o, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=gantry-etcd-server");
        run(o, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "1", "-extfile", "server.ext");
        run(o, "genrsa", "-traditional", "-out", "client.key", "2048");
        run(o, "req", "-new", "-key", "client.key", "-out", "client.csr", "-subj", "/CN=gantry-etcd-client");
        run(o, "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.crt", "-days", "1", "-extfile", "client.ext");
        assertThat(Files.readString(pki.resolve("client.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    }

    private void run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).directory(pki.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl did not finish within 60 s: " + String.join(" ", argv));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", argv), output).isZero();
    }

    private static CheckResult awaitStatus(EtcdClusterCheck check, Status status) {
        AtomicReference<CheckResult> last = new AtomicReference<>();
        Awaitility.await("etcd check reports " + status).atMost(FORMING).pollInterval(Duration.ofMillis(500))
                .pollDelay(Duration.ZERO).untilAsserted(() -> {
                    last.set(check.check());
                    assertThat(last.get().status()).as("last result: %s", last.get()).isEqualTo(status);
                });
        return last.get();
    }

    /** Writes to the real stream and to a capture. */
    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
