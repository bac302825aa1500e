package dev.gantry.health.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.core.ParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cacert}, {@code --cert} and {@code --key}, like etcdctl's (issue 13 §2). */
class SidecarTlsFlagsTest {

    private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("ca").build();
    private final HeldCertificate client = new HeldCertificate.Builder().commonName("client").signedBy(ca).build();

    @TempDir
    Path dir;

    private SidecarOptions parse(String... flags) {
        return SidecarOptions.parse(arguments(flags), Map.of());
    }

    private static List<String> arguments(String... flags) {
        List<String> all = new java.util.ArrayList<>(List.of("--source", "bitcoin", "--url", "https://127.0.0.1:9332"));
        all.addAll(List.of(flags));
        return all;
    }

    private ParseException fails(String... flags) {
        ParseException error = catchThrowableOfType(ParseException.class,
                () -> SidecarOptions.parse(arguments(flags), Map.of()));
        assertThat(error).as("parse should have failed").isNotNull();
        return error;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theThreeFlagsGiveTheNodeACaBundleAndAClientCertificate() throws IOException {
        String key = client.privateKeyPkcs8Pem();
        SidecarOptions options = parse("--cacert", write("ca.crt", ca.certificatePem()).toString(),
                "--cert", write("client.crt", client.certificatePem()).toString(),
                "--key", write("client.key", key).toString());

        assertThat(options.node().tls().caBundlePem()).hasValue(ca.certificatePem());
        assertThat(options.node().tls().clientCertificatePem()).hasValue(client.certificatePem());
        assertThat(options.node().tls().verifyHostname()).isTrue();
        assertThat(options.toString()).doesNotContain(key.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void aCertificateWithoutItsKeyIsABadCommandLine() throws IOException {
        assertThat(fails("--cert", write("client.crt", client.certificatePem()).toString()))
                .hasMessageContaining("--cert and --key go together");
    }

    @Test
    void aMissingOrWrongFileIsNamedWithItsFlag() throws IOException {
        assertThat(fails("--cacert", dir.resolve("absent.crt").toString()))
                .hasMessageContaining("--cacert").hasMessageContaining("absent.crt");
        assertThat(fails("--cacert", write("not-pem", "hello").toString()))
                .hasMessageContaining("--cacert").hasMessageContaining("no PEM certificate");
    }

    @Test
    void tlsFlagsNeedAnHttpsUrl() throws IOException {
        ParseException error = catchThrowableOfType(ParseException.class, () -> SidecarOptions.parse(
                List.of("--source", "bitcoin", "--url", "http://127.0.0.1:9332", "--cacert",
                        write("ca.crt", ca.certificatePem()).toString()), Map.of()));

        assertThat(error).hasMessageContaining("--cacert applies to an https --url");
    }
}
