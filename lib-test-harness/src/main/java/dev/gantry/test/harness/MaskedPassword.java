package dev.gantry.test.harness;

import java.util.Objects;
import java.util.UUID;

/**
 * A password that a harness made for a real program, such as litecoind's RPC password, and that
 * never prints: {@link #toString()} shows {@code ****}.
 *
 * <p>The harness depends on no Gantry module, so it cannot use {@code dev.gantry.core.Secret};
 * {@code dev.gantry.test.HarnessEndpoints} turns a node with this password into an
 * {@code HttpEndpoint} with a {@code Secret}. Immutable and thread-safe.
 *
 * <pre>{@code
 * MaskedPassword password = MaskedPassword.random();
 * String shown = "password " + password;   // "password ****"
 * }</pre>
 */
public final class MaskedPassword {

    private static final String MASK = "****";

    private final String value;

    private MaskedPassword(String value) {
        this.value = value;
    }

    /**
     * Wraps a known password.
     *
     * @param value the password, not empty
     * @return the masked password
     * @throws IllegalArgumentException when {@code value} is empty
     */
    public static MaskedPassword of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a password must not be empty");
        }
        return new MaskedPassword(value);
    }

    /**
     * Makes a fresh random password (a random UUID), different for every call.
     *
     * @return the masked password
     */
    public static MaskedPassword random() {
        return new MaskedPassword(UUID.randomUUID().toString());
    }

    /**
     * Returns the password itself, for the program's command line or an authorization header.
     *
     * @return the clear text
     */
    public String reveal() {
        return value;
    }

    /**
     * Compares the clear texts.
     *
     * @param other another object
     * @return {@code true} when {@code other} is a masked password with the same clear text
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof MaskedPassword password && password.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Shows the mask, never the password.
     *
     * @return {@code ****}
     */
    @Override
    public String toString() {
        return MASK;
    }
}
