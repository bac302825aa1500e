package dev.gantry.health.internal;

import dev.gantry.core.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Not part of Gantry's API; it may change in any release. Reads PEM text as openssl, kubeadm and
 * etcd write it: certificates ({@code BEGIN CERTIFICATE}) and an unencrypted private key in
 * PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519), PKCS#1 ({@code BEGIN RSA PRIVATE KEY},
 * kubeadm's format) or SEC1 ({@code BEGIN EC PRIVATE KEY}). Errors say what was expected and
 * never quote a key. Stateless and thread-safe.
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
    private static final Map<String, String> SIGNATURES = Map.of("RSA", "SHA256withRSA", "EC", "SHA256withECDSA",
            "EdDSA", "EdDSA", "Ed25519", "Ed25519");

    private Pem() {
    }

    /**
     * Reads every certificate of a PEM text, such as a CA bundle.
     *
     * @param pem the text
     * @param what what the text is, for errors, e.g. {@code the CA bundle}
     * @return the certificates in their order; at least one
     * @throws IllegalArgumentException when the text holds no certificate or a broken one
     */
    public static List<X509Certificate> certificates(String pem, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            if (block.group(1).equals("CERTIFICATE")) {
                certificates.add(certificate(base64(block.group(2), what), what, certificates.size() + 1));
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(what + " holds no PEM certificate: expected a block that starts with"
                    + " -----BEGIN CERTIFICATE-----");
        }
        return List.copyOf(certificates);
    }

    /**
     * Reads the one private key of a PEM text.
     *
     * @param pem the text, as a secret
     * @param what what the text is, for errors, e.g. {@code the client key}
     * @return the key
     * @throws IllegalArgumentException when the text holds no key, an encrypted key or a broken one;
     *     the message never quotes the key
     */
    public static PrivateKey privateKey(Secret pem, String what) {
        Matcher block = BLOCK.matcher(pem.reveal());
        while (block.find()) {
            String type = block.group(1);
            if (type.equals("ENCRYPTED PRIVATE KEY") || block.group(2).contains("Proc-Type: 4,ENCRYPTED")) {
                throw new IllegalArgumentException(what + " is encrypted, which is not supported: decrypt it, e.g."
                        + " openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-plain.pem, and keep that file private");
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(base64(block.group(2), what), what);
                case "RSA PRIVATE KEY":
                    return pkcs8(sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM,
                            octetString(base64(block.group(2), what)))), what);
                case "EC PRIVATE KEY":
                    return pkcs8(sec1ToPkcs8(base64(block.group(2), what), what), what);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(what + " holds no PEM private key: expected a block that starts with"
                + " -----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----");
    }

    /**
     * Fails unless a private key belongs to a certificate, by signing and verifying a random value.
     *
     * @param key the private key
     * @param certificate the certificate
     * @param what what the pair is, for errors
     * @throws IllegalArgumentException when the key does not belong to the certificate
     */
    public static void requireMatch(PrivateKey key, X509Certificate certificate, String what) {
        Optional<String> algorithm = Optional.ofNullable(SIGNATURES.get(key.getAlgorithm()));
        if (algorithm.isEmpty()) {
            return;
        }
        try {
            byte[] nonce = new byte[32];
            new SecureRandom().nextBytes(nonce);
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(key);
            signer.update(nonce);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(nonce);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException mismatch) {
            // A key of another type or size: reported below.
        }
        throw new IllegalArgumentException(what + ": the key does not belong to the certificate "
                + subject(certificate) + "; check that --cert and --key are the files of one pair");
    }

    /**
     * Names a certificate for people.
     *
     * @param certificate the certificate
     * @return its subject, e.g. {@code CN=etcd-1,O=gantry}
     */
    public static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /**
     * Names the certificates of a bundle for people.
     *
     * @param certificates the certificates
     * @return their subjects, separated by {@code ; }
     */
    public static String subjects(List<X509Certificate> certificates) {
        return certificates.stream().map(Pem::subject).collect(Collectors.joining("; "));
    }

    private static X509Certificate certificate(byte[] der, String what, int position) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + ": certificate " + position + " is not a valid X.509"
                    + " certificate (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey pkcs8(byte[] der, String what) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException notThisAlgorithm) {
                // Try the next algorithm.
            }
        }
        throw new IllegalArgumentException(what + " is not a readable RSA, EC or EdDSA private key");
    }

    private static byte[] base64(String body, String what) {
        try {
            return Base64.getDecoder().decode(body.replaceAll("(?m)^[A-Za-z-]+:.*$", "").replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid PEM: its base64 body cannot be decoded");
        }
    }

    /** Wraps a SEC1 {@code ECPrivateKey} into PKCS#8, taking the curve from its {@code [0]} parameters. */
    private static byte[] sec1ToPkcs8(byte[] sec1, String what) {
        try {
            int[] outer = header(sec1, 0);
            int at = outer[0];
            int end = at + outer[1];
            while (at < end) {
                int[] element = header(sec1, at);
                if ((sec1[at] & 0xff) == 0xa0) {
                    byte[] curve = Arrays.copyOfRange(sec1, element[0], element[0] + element[1]);
                    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, sequence(concat(EC_PUBLIC_KEY_OID, curve)),
                            octetString(sec1)));
                }
                at = element[0] + element[1];
            }
        } catch (ArrayIndexOutOfBoundsException broken) {
            throw new IllegalArgumentException(what + " is not a readable EC private key (broken DER)");
        }
        throw new IllegalArgumentException(what + " is an EC private key without its curve: expected openssl's"
                + " -----BEGIN EC PRIVATE KEY----- with named-curve parameters");
    }

    /** The start of an element's content and its length, for the DER element at {@code at}. */
    private static int[] header(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        int bytes = first < 0x80 ? 0 : first & 0x7f;
        if (bytes > 3) {
            throw new ArrayIndexOutOfBoundsException("length too large");
        }
        int length = first < 0x80 ? first : 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        if (at + 2 + bytes + length > der.length) {
            throw new ArrayIndexOutOfBoundsException("length beyond the end");
        }
        return new int[] {at + 2 + bytes, length};
    }

    private static byte[] sequence(byte[] content) {
        return tagged(0x30, content);
    }

    private static byte[] octetString(byte[] content) {
        return tagged(0x04, content);
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
