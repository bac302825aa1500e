package dev.gantry.health.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gantry.health.CheckResult;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.Status;
import dev.gantry.test.harness.EtcdTlsCluster;
import dev.gantry.test.harness.Programs;
import dev.gantry.test.harness.RealPrograms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EtcdClusterCheck} over mutual TLS against a real three-member etcd 3.4 (Debian
 * {@code etcd-server}) started with {@code --client-cert-auth}, as kubeadm runs it (issue 13 §2):
 * an {@link EtcdTlsCluster} injected by {@link RealPrograms}, whose CA, server certificates (IP SAN
 * 127.0.0.1) and client certificate the harness makes with openssl, the client key in PKCS#1
 * ({@code RSA PRIVATE KEY}), kubeadm's format. The foreign CA of the wrong-CA test is made here with
 * openssl, its key deleted at once. After the class, every key file the clusters had is gone.
 */
@RealPrograms
class EtcdTlsClusterIT {

    private static final Duration FORMING = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final List<Path> KEY_FILES = new ArrayList<>();

    @AfterAll
    static void theClustersKeyFilesAreRemoved() {
        assertThat(KEY_FILES).allSatisfy(key -> assertThat(key).doesNotExist());
    }

    @Test
    void aHealthyClusterReadsHealthyOverMutualTlsAndNoKeyPrints(EtcdTlsCluster etcd) throws Exception {
        List<Path> keys = keyFiles(etcd);
        KEY_FILES.addAll(keys);
        assertThat(Files.readString(etcd.clientKey())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        List<HttpEndpoint> endpoints = endpoints(etcd, etcd.caBundle());
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
                described = check + " " + endpoints + " " + check.read() + " " + etcd;
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }

        assertThat(up.reason()).hasValue(EtcdClusterCheck.OK);
        assertThat(up.details()).containsEntry("members", 3).containsEntry("healthy", 3);
        String everything = captured.toString(StandardCharsets.UTF_8) + up + up.details() + described;
        assertThat(everything).contains("key=****");
        for (String keyLine : keyLines(keys)) {
            assertThat(everything).doesNotContain(keyLine);
        }
    }

    @Test
    void aWrongCaFailsNamingTheCertificateProblem(EtcdTlsCluster etcd, @TempDir Path elsewhere) throws Exception {
        KEY_FILES.addAll(keyFiles(etcd));
        try (EtcdClusterCheck check = EtcdClusterCheck.of(endpoints(etcd, foreignCa(elsewhere)))) {
            CheckResult down = awaitStatus(check, Status.DOWN);

            assertThat(down.reason()).hasValue(EtcdClusterCheck.UNREACHABLE);
            assertThat(down.message()).contains("SSLHandshakeException");
            Throwable error = catchThrowable(check::read);
            assertThat(error).isInstanceOf(EtcdException.class)
                    .hasMessageMatching("(?s).*the server's certificate CN=etcd-e[123]"
                            + " issued by CN=gantry-test-etcd-ca.*")
                    .hasMessageContaining("is not trusted by the CA bundle (CN=gantry-wrong-ca)")
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    /** The endpoints that gantry-health's users build by hand (lib-health cannot see gantry-test). */
    private static List<HttpEndpoint> endpoints(EtcdTlsCluster etcd, Path ca) {
        return etcd.clientUrls().stream().map(url -> HttpEndpoint.of(url).withTimeout(CALL_TIMEOUT).withCaBundle(ca)
                .withClientCertificate(etcd.clientCertificate(), etcd.clientKey())).toList();
    }

    /** The client key and every member's key, as the members' command lines name them. */
    private static List<Path> keyFiles(EtcdTlsCluster etcd) {
        List<Path> keys = new ArrayList<>(List.of(etcd.clientKey()));
        for (int i = 0; i < etcd.size(); i++) {
            List<String> command = etcd.member(i).command();
            keys.add(Path.of(command.get(command.indexOf("--key-file") + 1)));
        }
        return keys;
    }

    private static List<String> keyLines(List<Path> keys) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path key : keys) {
            Files.readAllLines(key).stream().filter(line -> !line.startsWith("-----")).forEach(lines::add);
        }
        return lines;
    }

    /** A CA of nobody's: a self-signed certificate made with openssl, its key deleted at once. */
    private static Path foreignCa(Path dir) throws IOException, InterruptedException {
        Path openssl = Programs.require("openssl", "openssl");
        Process process = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", "wrong-ca.key", "-out", "wrong-ca.crt", "-days", "1", "-subj", "/CN=gantry-wrong-ca")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl did not finish within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("openssl req: %s", output).isZero();
        Files.delete(dir.resolve("wrong-ca.key"));
        return dir.resolve("wrong-ca.crt");
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
