package dev.gantry.test.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} for mutual TLS from PEM files, for the harness's own probes: it trusts the
 * certificates of a CA bundle only and shows a client certificate with its RSA key, in PKCS#1
 * ({@code RSA PRIVATE KEY}, as openssl's {@code genrsa -traditional} and kubeadm write it) or
 * PKCS#8 ({@code PRIVATE KEY}). Messages name the files, never the key's content. Stateless.
 */
final class PemTls {

    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]*)-----END (RSA )?PRIVATE KEY-----");
    /** {@code SEQUENCE { OID rsaEncryption, NULL }}: the algorithm of a PKCS#8 RSA key. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private PemTls() {}

    /**
     * Builds the context.
     *
     * @param caBundle the PEM certificates to trust
     * @param certificate the PEM client certificate
     * @param key its unencrypted PEM RSA private key
     * @return a TLS context
     * @throws IllegalArgumentException naming the file that holds no certificate or no RSA key
     */
    static SSLContext of(Path caBundle, Path certificate, Path key) {
        try {
            char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
            KeyStore trusted = emptyStore();
            List<Certificate> authorities = certificates(caBundle);
            for (int i = 0; i < authorities.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            KeyStore identity = emptyStore();
            identity.setKeyEntry("client", privateKey(key), password,
                    certificates(certificate).toArray(Certificate[]::new));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context from " + caBundle + ", " + certificate
                    + " and " + key + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Every certificate of a PEM file, at least one. */
    static List<Certificate> certificates(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> found = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (found.isEmpty()) {
                throw new IllegalArgumentException(pemFile + " holds no PEM certificate");
            }
            return List.copyOf(found);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pemFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pemFile + " holds no readable PEM certificate: " + e.getMessage(), e);
        }
    }

    /** The RSA key of a PEM file; the message of a failure names the file and never its content. */
    static PrivateKey privateKey(Path pemFile) {
        String text;
        try {
            text = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pemFile, e);
        }
        Matcher block = KEY_BLOCK.matcher(text);
        if (!block.find()) {
            throw new IllegalArgumentException(pemFile + " holds no -----BEGIN RSA PRIVATE KEY----- or"
                    + " -----BEGIN PRIVATE KEY----- block");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            byte[] pkcs8 = block.group(1) == null ? der : pkcs8(der);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(pemFile + " holds no readable RSA private key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Wraps a PKCS#1 {@code RSAPrivateKey} into a PKCS#8 {@code PrivateKeyInfo}. */
    static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(VERSION_0);
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tagged(0x04, pkcs1));
        return tagged(0x30, body.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
