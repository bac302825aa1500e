package dev.gantry.core;

import dev.gantry.core.internal.Lines;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One result of a check, audit, plan or verification: how bad it is, a stable code, what it is
 * about, what was found, and what to do about it.
 *
 * <p>Codes are stable, upper-case and dash-separated, such as {@code HA-QUORUM-EVEN} or {@code
 * RAID-MEMBER-FAILED}, so that harnesses and dashboards can match on them. The subject names what
 * the finding is about (a cluster, a host, a device); the message says what was found; the remedy
 * says what to do and is empty when there is nothing to do. No component is ever {@code null}.
 *
 * <pre>{@code
 * Finding f = Finding.fail("HA-QUORUM-EVEN", "cluster", "4 voting etcd members tolerate 1 failure, like 3",
 *         "add or remove one control-plane machine");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param severity how bad it is
 * @param code a stable code matching {@code [A-Z][A-Z0-9]*(-[A-Z0-9]+)*}
 * @param subject what the finding is about; not blank
 * @param message what was found; not blank
 * @param remedy what to do about it; empty when there is nothing to do
 */
public record Finding(Severity severity, String code, String subject, String message, String remedy) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");

    /**
     * Validates the components.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when the code is malformed or the subject or message is blank
     */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remedy, "remedy");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must look like HA-QUORUM-EVEN (upper-case letters, digits"
                    + " and single dashes, starting with a letter) but was '" + Lines.shown(code) + "'");
        }
        requireNotBlank(subject, "subject");
        requireNotBlank(message, "message");
    }

    /**
     * Creates a {@link Severity#PASS} finding, which has no remedy.
     *
     * @param code a stable code such as {@code HA-QUORUM-OK}
     * @param subject what the finding is about
     * @param message what was found
     * @return the finding
     */
    public static Finding pass(String code, String subject, String message) {
        return new Finding(Severity.PASS, code, subject, message, "");
    }

    /**
     * Creates an {@link Severity#INFO} finding, which has no remedy.
     *
     * @param code a stable code
     * @param subject what the finding is about
     * @param message what was found
     * @return the finding
     */
    public static Finding info(String code, String subject, String message) {
        return new Finding(Severity.INFO, code, subject, message, "");
    }

    /**
     * Creates a {@link Severity#WARN} finding.
     *
     * @param code a stable code
     * @param subject what the finding is about
     * @param message what was found
     * @param remedy what to do about it, or an empty string
     * @return the finding
     */
    public static Finding warn(String code, String subject, String message, String remedy) {
        return new Finding(Severity.WARN, code, subject, message, remedy);
    }

    /**
     * Creates a {@link Severity#FAIL} finding.
     *
     * @param code a stable code
     * @param subject what the finding is about
     * @param message what was found
     * @param remedy what to do about it, or an empty string
     * @return the finding
     */
    public static Finding fail(String code, String subject, String message, String remedy) {
        return new Finding(Severity.FAIL, code, subject, message, remedy);
    }

    /**
     * Returns a copy of this finding with another remedy.
     *
     * @param newRemedy what to do about it, or an empty string
     * @return the copy
     */
    public Finding withRemedy(String newRemedy) {
        return new Finding(severity, code, subject, message, newRemedy);
    }

    /**
     * Returns {@code true} when the remedy is not empty.
     *
     * @return {@code true} when the remedy is not empty
     */
    public boolean hasRemedy() {
        return !remedy.isEmpty();
    }

    private static void requireNotBlank(String value, String name) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
