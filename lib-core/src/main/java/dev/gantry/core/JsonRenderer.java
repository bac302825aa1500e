package dev.gantry.core;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link Report} as one JSON object with Jackson 3.
 *
 * <p>The shape is {@code {"title":…, "ok":…, "worst":…, "findings":[{"severity", "code", "subject",
 * "message", "remedy"}…]}}, with {@code title} left out when absent. The mapper is immutable once
 * built, so one shared instance is safe for concurrent use.
 */
final class JsonRenderer {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonRenderer() {
    }

    static String render(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        report.title().ifPresent(t -> root.put("title", t));
        root.put("ok", report.ok());
        root.put("worst", report.worst().name());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            findings.addObject()
                    .put("severity", f.severity().name())
                    .put("code", f.code())
                    .put("subject", f.subject())
                    .put("message", f.message())
                    .put("remedy", f.remedy());
        }
        return MAPPER.writeValueAsString(root);
    }
}
