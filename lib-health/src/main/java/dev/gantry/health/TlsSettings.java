package dev.gantry.health;

import dev.gantry.core.GantryException;
import dev.gantry.core.Secret;
import dev.gantry.health.internal.Pem;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * How an HTTP endpoint checks the server's certificate and proves its own identity: a CA bundle,
 * a client certificate and key for mutual TLS (etcd with {@code --client-cert-auth}), and
 * host-name checking, which is on unless turned off.
 *
 * <p>Without a CA bundle the JDK's default trust store decides. The key is a {@link Secret}: it
 * never appears in {@link #toString()}, logs or error messages. The PEM texts are read and checked
 * when the settings are made, so a wrong file fails at once and not at the first call.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * TlsSettings tls = TlsSettings.ofDefaults()
 *         .withCaBundle(Path.of("/etc/kubernetes/pki/etcd/ca.crt"))
 *         .withClientCertificate(Path.of("/etc/kubernetes/pki/apiserver-etcd-client.crt"),
 *                 Path.of("/etc/kubernetes/pki/apiserver-etcd-client.key"));
 * }</pre>
 *
 * @param caBundlePem the PEM certificates of the CAs to trust instead of the JDK's; empty for the JDK's
 * @param clientCertificatePem the PEM client certificate (and its chain), if any
 * @param clientKeyPem the PEM private key of the client certificate, if any (PKCS#8, PKCS#1 or SEC1,
 *     unencrypted)
 * @param verifyHostname whether the server's certificate must name the host of the URL; default true
 */
public record TlsSettings(Optional<String> caBundlePem, Optional<String> clientCertificatePem,
        Optional<Secret> clientKeyPem, boolean verifyHostname) {

    private static final TlsSettings DEFAULTS = new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            true);

    /**
     * Validates the fields: the PEM texts must parse, and the key must belong to the certificate.
     *
     * @throws IllegalArgumentException when a PEM text is not what it should be; never quotes a key
     */
    public TlsSettings {
        Objects.requireNonNull(caBundlePem, "caBundlePem");
        Objects.requireNonNull(clientCertificatePem, "clientCertificatePem");
        Objects.requireNonNull(clientKeyPem, "clientKeyPem");
        caBundlePem.ifPresent(pem -> Pem.certificates(pem, "the CA bundle"));
        if (clientCertificatePem.isPresent() != clientKeyPem.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs its key and a key its certificate");
        }
        if (clientCertificatePem.isPresent()) {
            X509Certificate certificate = Pem.certificates(clientCertificatePem.get(), "the client certificate").get(0);
            PrivateKey key = Pem.privateKey(clientKeyPem.get(), "the client key");
            Pem.requireMatch(key, certificate, "the client certificate and key");
        }
    }

    /**
     * Returns the default settings: the JDK's trust store, no client certificate, host names checked.
     *
     * @return the default settings
     */
    public static TlsSettings ofDefaults() {
        return DEFAULTS;
    }

    /**
     * A copy that trusts the CAs of a PEM file instead of the JDK's trust store.
     *
     * @param pemFile a file of one or more PEM certificates, e.g. {@code /etc/kubernetes/pki/etcd/ca.crt}
     * @return the copy
     * @throws GantryException when the file cannot be read
     * @throws IllegalArgumentException when it holds no certificate
     */
    public TlsSettings withCaBundle(Path pemFile) {
        return withCaBundlePem(read(pemFile, "CA bundle"));
    }

    /**
     * A copy that trusts the CAs of a PEM text instead of the JDK's trust store.
     *
     * @param pem one or more PEM certificates
     * @return the copy
     * @throws IllegalArgumentException when the text holds no certificate
     */
    public TlsSettings withCaBundlePem(String pem) {
        return new TlsSettings(Optional.of(pem), clientCertificatePem, clientKeyPem, verifyHostname);
    }

    /**
     * A copy that presents a client certificate read from PEM files (mutual TLS).
     *
     * @param certificateFile the PEM certificate, e.g. {@code apiserver-etcd-client.crt}
     * @param keyFile its PEM private key, e.g. {@code apiserver-etcd-client.key}; unencrypted
     * @return the copy
     * @throws GantryException when a file cannot be read
     * @throws IllegalArgumentException when the files are not a certificate and its key
     */
    public TlsSettings withClientCertificate(Path certificateFile, Path keyFile) {
        String certificate = read(certificateFile, "client certificate");
        return withClientCertificatePem(certificate, Secret.of(read(keyFile, "client key")));
    }

    /**
     * A copy that presents a client certificate given as PEM text (mutual TLS).
     *
     * @param certificatePem the PEM certificate, optionally followed by its intermediates
     * @param keyPem its PEM private key
     * @return the copy
     * @throws IllegalArgumentException when the texts are not a certificate and its key
     */
    public TlsSettings withClientCertificatePem(String certificatePem, Secret keyPem) {
        return new TlsSettings(caBundlePem, Optional.of(certificatePem), Optional.of(keyPem), verifyHostname);
    }

    /**
     * A copy that accepts a server certificate that does not name the URL's host. Only for
     * certificates without the right names; the chain is still checked against the CAs.
     *
     * @return the copy
     */
    public TlsSettings withoutHostnameVerification() {
        return new TlsSettings(caBundlePem, clientCertificatePem, clientKeyPem, false);
    }

    /**
     * Describes the settings by certificate subjects, never the key.
     *
     * @return e.g. {@code TlsSettings[ca=CN=etcd-ca, client=CN=kube-apiserver-etcd-client, key=****, verifyHostname=true]}
     */
    @Override
    public String toString() {
        return "TlsSettings[ca=" + caBundlePem.map(pem -> Pem.subjects(Pem.certificates(pem, "the CA bundle")))
                .orElse("JDK default") + clientCertificatePem.map(pem -> ", client="
                        + Pem.subject(Pem.certificates(pem, "the client certificate").get(0)) + ", key=****")
                .orElse("") + ", verifyHostname=" + verifyHostname + "]";
    }

    private static String read(Path file, String what) {
        Objects.requireNonNull(file, what + " file");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new GantryException("the " + what + " file " + file + " is not PEM text; convert a DER file with"
                    + " openssl x509 -inform der (certificates) or openssl pkey -inform der (keys)", e);
        } catch (IOException e) {
            throw new GantryException("cannot read the " + what + " file " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }
}
