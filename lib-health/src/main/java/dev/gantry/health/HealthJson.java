package dev.gantry.health;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders snapshots as the endpoint's JSON bodies. Only statuses, times, reason codes and
 * numeric or boolean details appear (see {@link PublicDetails}); never messages. The top-level
 * {@code checkedAt} is the newest result among the listed checks (absent before any has run), so
 * a client can tell how fresh the answer is, and the body stays the same between two runs.
 *
 * <pre>{@code
 * {"status":"DOWN","ready":false,"checkedAt":"2026-11-23T10:00:05Z",
 *  "checks":{"node":{"status":"DOWN","reason":"SYNC-LAGGING","height":120,"lag":12,
 *                    "checkedAt":"2026-11-23T10:00:05Z","since":"2026-11-23T09:59:50Z"}}}
 * }</pre>
 */
final class HealthJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private HealthJson() {
    }

    /**
     * Returns the UTF-8 JSON body.
     *
     * @param status the combined status
     * @param flag the name of the boolean field: {@code ready} or {@code live}
     * @param checks the checks to list
     * @param reason a reason code for the whole endpoint, e.g. a stuck evaluator
     * @return the UTF-8 JSON body
     */
    static byte[] overall(Status status, String flag, List<CheckSnapshot> checks, Optional<String> reason) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", status.name());
        root.put(flag, status.isReady());
        reason.ifPresent(code -> root.put(CheckResult.REASON, code));
        checks.stream().map(CheckSnapshot::checkedAt).flatMap(Optional::stream).max(Comparator.naturalOrder())
                .ifPresent(newest -> root.put("checkedAt", newest.toString()));
        ObjectNode all = root.putObject("checks");
        checks.forEach(check -> fill(all.putObject(check.name()), check));
        return MAPPER.writeValueAsBytes(root);
    }

    /**
     * Returns the UTF-8 JSON body for {@code /healthcheck/{name}}.
     *
     * @param check one check
     * @return the UTF-8 JSON body for {@code /healthcheck/{name}}
     */
    static byte[] single(CheckSnapshot check) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", check.name());
        root.put("group", check.group().name());
        root.put("ready", check.status().isReady());
        fill(root, check);
        return MAPPER.writeValueAsBytes(root);
    }

    private static void fill(ObjectNode node, CheckSnapshot check) {
        node.put("status", check.status().name());
        PublicDetails.of(check.result()).forEach((key, value) -> put(node, key, value));
        check.checkedAt().ifPresent(at -> node.put("checkedAt", at.toString()));
        node.put("since", check.since().toString());
    }

    private static void put(ObjectNode node, String key, Object value) {
        if (value instanceof Boolean flag) {
            node.put(key, flag);
        } else if (value instanceof BigInteger big) {
            node.put(key, big);
        } else if (value instanceof BigDecimal decimal) {
            node.put(key, decimal);
        } else if (value instanceof Double || value instanceof Float) {
            node.put(key, ((Number) value).doubleValue());
        } else if (value instanceof Number number) {
            node.put(key, number.longValue());
        } else {
            node.put(key, String.valueOf(value)); // only the reason code, a validated upper-case string
        }
    }

    /**
     * Returns {@code {"error": message}}.
     *
     * @param message a short public error, e.g. {@code not found}
     * @return {@code {"error": message}}
     */
    static byte[] error(String message) {
        return MAPPER.writeValueAsBytes(Map.of("error", message));
    }
}
