package dev.gantry.core;

/**
 * How bad a {@link Finding} is, from {@link #PASS} (a check held) to {@link #FAIL} (a check did
 * not hold).
 *
 * <p>The constants are declared from best to worst, so {@link #compareTo} and {@link #ordinal()}
 * order them by badness: {@code Severity.FAIL.compareTo(Severity.WARN) > 0}. Immutable and
 * thread-safe, like every enum.
 */
public enum Severity {

    /** A check was made and held. */
    PASS,

    /** A fact worth knowing; nothing was checked or nothing is wrong. */
    INFO,

    /** Something works but is risky or unusual, for example an even number of etcd members. */
    WARN,

    /** A check did not hold; {@link Report#ok()} is false and {@link Report#orThrow()} throws. */
    FAIL;

    /**
     * Tells whether this severity is worse than another one.
     *
     * <pre>{@code
     * Severity.WARN.isWorseThan(Severity.PASS)   // true
     * }</pre>
     *
     * @param other the severity to compare with
     * @return {@code true} when this severity is strictly worse than {@code other}
     */
    public boolean isWorseThan(Severity other) {
        return compareTo(other) > 0;
    }
}
