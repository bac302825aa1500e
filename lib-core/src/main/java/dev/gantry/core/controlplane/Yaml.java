package dev.gantry.core.controlplane;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Writes configuration trees as YAML: block style, quotes only where YAML needs them. */
final class Yaml {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private Yaml() {}

    /** Renders one document. */
    static String write(Map<String, Object> document) {
        return MAPPER.writeValueAsString(document);
    }

    /** Starts an insertion-ordered map, for building documents field by field. */
    static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }

    /** A map of the given keys and values, in order. */
    static Map<String, Object> map(String k1, Object v1) {
        Map<String, Object> m = map();
        m.put(k1, v1);
        return m;
    }

    /** A map of the given keys and values, in order. */
    static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = map(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
