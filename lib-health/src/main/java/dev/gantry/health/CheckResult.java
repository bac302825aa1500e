package dev.gantry.health;

import dev.gantry.core.Finding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outcome of one run of a {@link HealthCheck}: a status, a one-line message for people, and
 * details for machines (height, lag, peers, ...), in insertion order.
 *
 * <p>Immutable and thread-safe. Built from the static factories and {@code with…} copies:
 *
 * <pre>{@code
 * CheckResult.down("node is syncing").withReason("SYNC-SYNCING").withDetail("height", 120).withDetail("lag", 1880)
 * }</pre>
 *
 * <p>Detail keys that the HTTP endpoint and the metrics understand (numbers as {@code long}):
 * <ul>
 *   <li>{@value #REASON}: a stable reason code such as {@code SYNC-LAGGING}, shown on public
 *       endpoints instead of the message;</li>
 *   <li>{@value #HEIGHT}, {@value #NETWORK_HEIGHT}, {@value #LAG}, {@value #PEERS}: the node's
 *       height, the network's height, the difference, and the peer count;</li>
 *   <li>{@value #SECONDS_SINCE_LAST_BLOCK}: how long ago the height last advanced;</li>
 *   <li>{@value #RETRY_AFTER_SECONDS}: an estimate of when the node will be ready again, sent
 *       as {@code Retry-After} on a 503.</li>
 * </ul>
 *
 * @param status the status
 * @param message what the check saw, one line, safe to show on a public endpoint
 * @param details values for machines; never secrets
 */
public record CheckResult(Status status, String message, Map<String, Object> details) {

    /** Detail key of the stable reason code. */
    public static final String REASON = "reason";
    /** Detail key of the node's own height. */
    public static final String HEIGHT = "height";
    /** Detail key of the network's height. */
    public static final String NETWORK_HEIGHT = "networkHeight";
    /** Detail key of how many blocks the node is behind. */
    public static final String LAG = "lag";
    /** Detail key of the number of connected peers. */
    public static final String PEERS = "peers";
    /** Detail key of the seconds since the node's height last advanced. */
    public static final String SECONDS_SINCE_LAST_BLOCK = "secondsSinceLastBlock";
    /** Detail key of the estimated seconds until the node is ready again. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private static final int MAX_MESSAGE = 300;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");

    /** Validates the fields and copies the details into an unmodifiable, ordered map. */
    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(details, "details");
        details.forEach((key, value) -> {
            Objects.requireNonNull(key, "details key");
            Objects.requireNonNull(value, () -> "details value for '" + key + "'");
        });
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Returns a healthy result with the message {@code ok}. */
    public static CheckResult up() {
        return up("ok");
    }

    /**
     * Returns a healthy result.
     *
     * @param message what the check saw
     * @return a healthy result
     */
    public static CheckResult up(String message) {
        return new CheckResult(Status.UP, message, Map.of());
    }

    /**
     * Returns a degraded (still ready) result.
     *
     * @param message what is wrong, though traffic may still flow
     * @return a degraded (still ready) result
     */
    public static CheckResult degraded(String message) {
        return new CheckResult(Status.DEGRADED, message, Map.of());
    }

    /**
     * Returns a failing result.
     *
     * @param message why the node must not receive traffic
     * @return a failing result
     */
    public static CheckResult down(String message) {
        return new CheckResult(Status.DOWN, message, Map.of());
    }

    /**
     * A failing result for a check that threw. The message names the exception type and its
     * message, shortened to one line; the stack trace is left out on purpose, since results
     * are served on public endpoints.
     *
     * @param error what the check threw
     * @return a failing result
     */
    public static CheckResult down(Throwable error) {
        Objects.requireNonNull(error, "error");
        String text = error.getMessage() == null ? "" : ": " + error.getMessage();
        return down(oneLine(error.getClass().getSimpleName() + text));
    }

    /**
     * Returns a result that is not ready because nothing is known.
     *
     * @param message why there is no result yet
     * @return a result that is not ready because nothing is known
     */
    public static CheckResult unknown(String message) {
        return new CheckResult(Status.UNKNOWN, message, Map.of());
    }

    /**
     * Returns a copy with the detail added or replaced.
     *
     * @param key the detail's name, e.g. {@code height}
     * @param value its value; a number, string or boolean serialises best
     * @return a copy with the detail added or replaced
     */
    public CheckResult withDetail(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new CheckResult(status, message, copy);
    }

    /**
     * Returns a copy with the {@value #REASON} detail set.
     *
     * @param code a stable reason code such as {@code SYNC-LAGGING} (upper case, digits, dashes)
     * @return a copy with the {@value #REASON} detail set
     */
    public CheckResult withReason(String code) {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("reason code must look like SYNC-LAGGING but was: " + code);
        }
        return withDetail(REASON, code);
    }

    /** Returns the stable reason code, when the check gave one. */
    public Optional<String> reason() {
        Object code = details.get(REASON);
        return code instanceof String ? Optional.of((String) code) : Optional.empty();
    }

    /**
     * Returns a copy with another message.
     *
     * @param newMessage the replacement message
     * @return a copy with another message
     */
    public CheckResult withMessage(String newMessage) {
        return new CheckResult(status, newMessage, details);
    }

    /**
     * Turns this result into a core {@link Finding}, so that health results join a {@link
     * dev.gantry.core.Report} with the results of every other Gantry check.
     *
     * <p>{@code UP} becomes {@code PASS}, {@code DEGRADED} and {@code UNKNOWN} become {@code WARN},
     * {@code DOWN} becomes {@code FAIL}. The code is the {@linkplain #reason() reason code}, or
     * {@code HEALTH-UP}, {@code HEALTH-DEGRADED}, {@code HEALTH-DOWN} or {@code HEALTH-UNKNOWN}
     * when the check gave none; the message is this result's message; the remedy says what to do
     * for the known reason codes and in general terms otherwise (none for {@code PASS}).
     *
     * <pre>{@code
     * syncCheck.check().toFinding("litecoin-1")   // FAIL SYNC-LAGGING litecoin-1: 1880 blocks behind …
     * }</pre>
     *
     * @param subject what the result is about, such as a node or check name; not blank
     * @return the finding
     * @throws IllegalArgumentException when the subject is blank
     */
    public Finding toFinding(String subject) {
        Objects.requireNonNull(subject, "subject");
        String code = reason().orElse("HEALTH-" + status.name());
        String text = message.isBlank() ? status.name().toLowerCase(Locale.ROOT) : message;
        return switch (status) {
            case UP -> Finding.pass(code, subject, text);
            case DEGRADED, UNKNOWN -> Finding.warn(code, subject, text, Remedies.of(code, status));
            case DOWN -> Finding.fail(code, subject, text, Remedies.of(code, status));
        };
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "…";
    }
}
