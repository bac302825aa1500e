package dev.gantry.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.Secret;
import java.security.PrivateKey;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** PEM certificates and keys as openssl and kubeadm write them; keys made with okhttp-tls. */
class PemTest {

    private final HeldCertificate rsa = new HeldCertificate.Builder().rsa2048().commonName("rsa").build();
    private final HeldCertificate ec = new HeldCertificate.Builder().commonName("ec").build();

    @Test
    void readsPkcs8AndPkcs1KeysThatBelongToTheirCertificates() {
        PrivateKey pkcs1 = Pem.privateKey(Secret.of(rsa.privateKeyPkcs1Pem()), "key");
        PrivateKey pkcs8 = Pem.privateKey(Secret.of(ec.privateKeyPkcs8Pem()), "key");

        assertThat(pkcs1.getAlgorithm()).isEqualTo("RSA");
        assertThat(pkcs8.getAlgorithm()).isEqualTo("EC");
        Pem.requireMatch(pkcs1, rsa.certificate(), "pair");
        Pem.requireMatch(pkcs8, ec.certificate(), "pair");
    }

    @Test
    void aKeyOfAnotherCertificateIsRejectedWithoutQuotingIt() {
        String key = rsa.privateKeyPkcs8Pem();
        HeldCertificate other = new HeldCertificate.Builder().rsa2048().commonName("other").build();

        assertThatThrownBy(() -> Pem.requireMatch(Pem.privateKey(Secret.of(key), "key"), other.certificate(), "pair"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong to the certificate CN=other")
                .hasMessageNotContaining(key.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void readsEveryCertificateOfABundleWithTextBetweenThem() {
        String bundle = "# etcd CA\n" + rsa.certificatePem() + "some comment\n" + ec.certificatePem();

        assertThat(Pem.subjects(Pem.certificates(bundle, "bundle"))).isEqualTo("CN=rsa; CN=ec");
    }

    @Test
    void emptyGarbageAndBrokenInputFailSayingWhatWasExpected() {
        assertThatThrownBy(() -> Pem.certificates("", "the CA bundle"))
                .hasMessageContaining("the CA bundle holds no PEM certificate");
        assertThatThrownBy(() -> Pem.certificates("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----", "ca"))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> Pem.certificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "ca"))
                .hasMessageContaining("certificate 1 is not a valid X.509 certificate");
        assertThatThrownBy(() -> Pem.privateKey(Secret.of(rsa.certificatePem()), "the client key"))
                .hasMessageContaining("the client key holds no PEM private key");
        assertThatThrownBy(() -> Pem.privateKey(Secret.of("-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----"),
                "key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pem.privateKey(Secret.of("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"),
                "key")).hasMessageContaining("not a readable");
    }

    @Test
    void anEncryptedKeySaysHowToDecryptIt() {
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";

        assertThatThrownBy(() -> Pem.privateKey(Secret.of(encrypted), "the client key"))
                .hasMessageContaining("encrypted").hasMessageContaining("openssl pkcs8");
    }

    @Test
    void aHugeInputWithoutABlockFailsCleanly() {
        String huge = "A".repeat(5_000_000);

        assertThatThrownBy(() -> Pem.certificates(huge, "ca")).hasMessageContaining("holds no PEM certificate");
    }
}
