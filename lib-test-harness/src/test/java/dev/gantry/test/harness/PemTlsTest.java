package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the harness's PEM files: RSA keys in PKCS#1 (as {@code openssl genrsa -traditional}
 * writes them, RFC 8017 appendix A.1.2) and PKCS#8 (RFC 5208), and what a broken file says.
 */
class PemTlsTest {

    /** A Java-made RSA key: its PKCS#8 encoding, and the PKCS#1 key inside it. */
    private static PrivateKey key;
    private static byte[] pkcs1;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeAKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair().getPrivate();
        byte[] pkcs8 = key.getEncoded();
        // 30 82 LL LL | 02 01 00 | 30 0d <rsaEncryption, NULL> | 04 82 LL LL | RSAPrivateKey
        pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    }

    @Test
    void wrapsAPkcs1KeyIntoExactlyThePkcs8EncodingJavaMakes() {
        assertThat(PemTls.pkcs8(pkcs1)).isEqualTo(key.getEncoded());
    }

    @Test
    void readsAPkcs1RsaPrivateKeyBlock() throws Exception {
        Path file = write("client.key", pem("RSA PRIVATE KEY", pkcs1));

        assertThat(PemTls.privateKey(file)).isEqualTo(key);
    }

    @Test
    void readsAPkcs8PrivateKeyBlock() throws Exception {
        Path file = write("client.key", pem("PRIVATE KEY", key.getEncoded()));

        assertThat(PemTls.privateKey(file)).isEqualTo(key);
    }

    @Test
    void anEmptyKeyFileIsRefusedNamingTheFile() throws Exception {
        Path file = write("empty.key", "");

        assertThatThrownBy(() -> PemTls.privateKey(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " holds no -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY----- block");
    }

    @Test
    void aKeyBlockThatIsNotAKeyIsRefusedWithoutEchoingItsContent() throws Exception {
        byte[] truncated = Arrays.copyOf(pkcs1, 100);
        Path file = write("truncated.key", pem("RSA PRIVATE KEY", truncated));

        assertThatThrownBy(() -> PemTls.privateKey(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " holds no readable RSA private key")
                .message().doesNotContain(Base64.getEncoder().encodeToString(truncated).substring(0, 20));
    }

    @Test
    void aHugeKeyBlockOfNoiseIsRefused() throws Exception {
        Path file = write("huge.key", "-----BEGIN RSA PRIVATE KEY-----\n" + "QUFB\n".repeat(2_000_000)
                + "-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemTls.privateKey(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " holds no readable RSA private key");
    }

    @Test
    void aCertificateFileWithoutACertificateIsRefusedNamingTheFile() throws Exception {
        Path empty = write("empty.crt", "");
        Path hostile = write("hostile.crt", "-----BEGIN CERTIFICATE-----\n%%%\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> PemTls.certificates(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(empty.toString());
        assertThatThrownBy(() -> PemTls.certificates(hostile)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(hostile + " holds no readable PEM certificate");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
