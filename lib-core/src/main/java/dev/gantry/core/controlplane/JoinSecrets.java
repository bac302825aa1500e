package dev.gantry.core.controlplane;

import dev.gantry.core.Secret;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** The join token and, for kubeadm, the certificate key: given in the spec or generated. */
record JoinSecrets(Secret token, Optional<Secret> certificateKey) {

    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** Takes the spec's secrets and generates the missing ones with {@code random}. */
    static JoinSecrets resolve(ControlPlaneSpec spec, SecureRandom random) {
        boolean kubeadm = spec.distribution() == Distribution.KUBEADM;
        Secret token = spec.token().orElseGet(() -> kubeadm
                ? Secret.of(chars(random, 6) + "." + chars(random, 16))
                : Secret.of(chars(random, 32)));
        Optional<Secret> key = kubeadm
                ? Optional.of(spec.certificateKey().orElseGet(() -> Secret.of(hex(random, 32))))
                : Optional.empty();
        return new JoinSecrets(token, key);
    }

    private static String chars(SecureRandom random, int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(LOWER_ALNUM.charAt(random.nextInt(LOWER_ALNUM.length())));
        }
        return sb.toString();
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] key = new byte[bytes];
        random.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
