package dev.gantry.core.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests, for steps that skip writing a file whose content is already there. */
public final class Digests {

    private Digests() {}

    /**
     * Returns the SHA-256 of the bytes as lower-case hex, as {@code sha256sum} prints it.
     *
     * @param content the bytes
     * @return 64 hex digits
     */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
