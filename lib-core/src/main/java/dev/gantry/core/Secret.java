package dev.gantry.core;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.core.internal.Lines;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A password, token or key that never prints, logs or serialises its value.
 *
 * <pre>{@code
 * Secret token = Secret.fromEnv("ETCD_ROOT_PASSWORD");
 * log.info("using {}", token);       // using Secret[****]
 * client.login(token.reveal());       // the only way to get the value
 * }</pre>
 *
 * <ul>
 *   <li>{@link #toString()} is {@code Secret[****]}: neither the value nor its length.
 *   <li>Jackson writes it as the string {@code "****"}; it cannot be read back from JSON.
 *   <li>It is not {@link java.io.Serializable}, so it cannot leak through Java serialisation.
 *   <li>{@link #equals(Object)} compares the values in time independent of where they differ;
 *       {@link #hashCode()} is the same for every secret, so it says nothing about the value (a
 *       secret is a poor hash key, which is acceptable: secrets are not looked up).
 * </ul>
 *
 * <p>Immutable and thread-safe. The value lives in a {@link String} and may remain in memory until
 * it is garbage collected.
 */
public final class Secret {

    private static final String MASK = "****";
    private static final int SAME_FOR_ALL = 0x5EC12E7;

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a value.
     *
     * @param value the secret value; not empty (an empty password is almost always a mistake)
     * @return the secret
     * @throws IllegalArgumentException when the value is empty
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /**
     * Reads a secret from an environment variable.
     *
     * @param variable the name of the environment variable, such as {@code ETCD_ROOT_PASSWORD}
     * @return the secret
     * @throws GantryException naming the variable when it is unset or empty
     */
    public static Secret fromEnv(String variable) {
        return fromEnv(variable, System::getenv);
    }

    /** Reads a secret through {@code environment}, which maps a variable name to its value or null. */
    static Secret fromEnv(String variable, UnaryOperator<String> environment) {
        Objects.requireNonNull(variable, "variable");
        if (variable.isBlank()) {
            throw new IllegalArgumentException("variable must not be blank");
        }
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new GantryException("environment variable " + Lines.shown(variable) + " is "
                    + (value == null ? "not set" : "empty") + "; export it with the secret before running");
        }
        return new Secret(value);
    }

    /**
     * Returns the value; call it only where the value is handed to the system that needs it.
     *
     * @return the secret value
     */
    public String reveal() {
        return value;
    }

    /**
     * Returns {@code Secret[****]}, never the value or its length.
     *
     * @return {@code Secret[****]}, never the value or its length
     */
    @Override
    public String toString() {
        return "Secret[" + MASK + "]";
    }

    /** The JSON form: the mask, never the value. */
    @JsonValue
    private String masked() {
        return MASK;
    }

    /**
     * Compares values with {@link MessageDigest#isEqual}, whose time does not depend on where the
     * values differ.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the same number for every secret, so the hash reveals nothing.
     *
     * @return the same number for every secret, so the hash reveals nothing
     */
    @Override
    public int hashCode() {
        return SAME_FOR_ALL;
    }
}
