package dev.gantry.core.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks for Gantry's constructors and setters, in the manner of Failsafe's {@code Assert}:
 * each returns its argument when it is valid and otherwise throws at once with a message that names
 * the argument and shows the value it had.
 *
 * <p>{@code timeout = Checks.positive(timeout, "timeout");} fails with {@code NullPointerException:
 * timeout} or {@code IllegalArgumentException: timeout must be positive but was PT0S}.
 */
public final class Checks {

    private Checks() {}

    /**
     * Checks that a value is present.
     *
     * @param <T> the type of the value
     * @param value the value
     * @param name the argument's name, for the message
     * @return the value
     * @throws NullPointerException whose message is the argument's name
     */
    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /**
     * Checks that a duration is present and longer than zero.
     *
     * @param value the duration
     * @param name the argument's name, for the message
     * @return the duration
     * @throws NullPointerException when it is {@code null}
     * @throws IllegalArgumentException when it is zero or negative
     */
    public static Duration positive(Duration value, String name) {
        notNull(value, name);
        isTrue(!value.isNegative() && !value.isZero(), "%s must be positive but was %s", name, value);
        return value;
    }

    /**
     * Checks that a duration is present, longer than zero and at most {@code max}.
     *
     * @param value the duration
     * @param max the longest allowed
     * @param name the argument's name, for the message
     * @return the duration
     * @throws NullPointerException when it is {@code null}
     * @throws IllegalArgumentException when it is zero, negative or longer than {@code max}
     */
    public static Duration positive(Duration value, Duration max, String name) {
        positive(value, name);
        isTrue(value.compareTo(max) <= 0, "%s must be at most %s but was %s", name, max, value);
        return value;
    }

    /**
     * Checks that a number is greater than zero.
     *
     * @param value the number
     * @param name the argument's name, for the message
     * @return the number
     * @throws IllegalArgumentException when it is zero or negative
     */
    public static long positive(long value, String name) {
        isTrue(value > 0, "%s must be positive but was %s", name, value);
        return value;
    }

    /**
     * Checks that a number lies in a closed range.
     *
     * @param value the number
     * @param min the smallest allowed
     * @param max the largest allowed
     * @param name the argument's name, for the message
     * @return the number
     * @throws IllegalArgumentException when it is outside {@code min..max}
     */
    public static int between(int value, int min, int max, String name) {
        isTrue(value >= min && value <= max, "%s must be %s..%s but was %s", name, min, max, value);
        return value;
    }

    /**
     * Checks a condition on the arguments.
     *
     * @param condition what must hold
     * @param message a {@link String#format(String, Object...)} template for the failure message
     * @param args the template's arguments, typically the argument's name and value
     * @throws IllegalArgumentException with the formatted message when the condition is false
     */
    public static void isTrue(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(message, args));
        }
    }
}
