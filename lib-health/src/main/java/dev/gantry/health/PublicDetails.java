package dev.gantry.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What of a check's result may be shown on a public endpoint: its reason code and its numeric
 * and boolean details. Messages and string details are withheld, since they may name hosts,
 * URLs or credentials; they go to the log instead.
 */
final class PublicDetails {

    private PublicDetails() {
    }

    /**
     * Returns the reason code (if any) first, then every number or boolean detail, in order.
     *
     * @param result a check's latest result
     * @return the reason code (if any) first, then every number or boolean detail, in order
     */
    static Map<String, Object> of(CheckResult result) {
        Map<String, Object> shown = new LinkedHashMap<>();
        result.reason().ifPresent(reason -> shown.put(CheckResult.REASON, reason));
        result.details().forEach((key, value) -> {
            if (!key.equals(CheckResult.REASON) && (value instanceof Number || value instanceof Boolean)) {
                shown.put(key, value);
            }
        });
        return shown;
    }

    /**
     * Returns the detail as a whole number, when it is an integral number.
     *
     * @param result a check's latest result
     * @param key a detail key such as {@link CheckResult#HEIGHT}
     * @return the detail as a whole number, when it is an integral number
     */
    static OptionalLong whole(CheckResult result, String key) {
        Object value = result.details().get(key);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return OptionalLong.of(((Number) value).longValue());
        }
        return OptionalLong.empty();
    }

    /**
     * Returns the detail as a floating-point number, when it is any finite number.
     *
     * @param result a check's latest result
     * @param key a detail key
     * @return the detail as a floating-point number, when it is any finite number
     */
    static Optional<Double> number(CheckResult result, String key) {
        Object value = result.details().get(key);
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return Optional.of(number.doubleValue());
        }
        return Optional.empty();
    }
}
