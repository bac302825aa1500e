package dev.gantry.k8s.storage;

import dev.gantry.core.Finding;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A live object against its planned form: the differing fields as {@code path: live -> planned}
 * lines, the refusals (FAIL findings), and the JSON merge patch of the mutable differences.
 */
final class Comparison {

    static final String NONE = "(none)";

    final List<String> lines = new ArrayList<>();
    final List<Finding> refusals = new ArrayList<>();
    final Map<String, Object> patch = new LinkedHashMap<>();

    /** Adds a line when the values differ; returns whether they did. */
    boolean field(String path, Object live, Object planned) {
        if (Objects.equals(live, planned)) {
            return false;
        }
        lines.add(path + ": " + show(live) + " -> " + show(planned));
        return true;
    }

    /** Compares the planned labels and annotations (other keys of the live object are left alone). */
    void metadata(ObjectMeta planned, ObjectMeta live) {
        Map<String, Object> meta = new LinkedHashMap<>();
        keys("labels", planned.getLabels(), live.getLabels(), meta);
        keys("annotations", planned.getAnnotations(), live.getAnnotations(), meta);
        if (!meta.isEmpty()) {
            patch.put("metadata", meta);
        }
    }

    /** Puts a value at a path of the patch, creating the maps on the way; null removes the field (RFC 7386). */
    @SuppressWarnings("unchecked")
    void patch(Object value, String... path) {
        Map<String, Object> at = patch;
        for (int i = 0; i < path.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        at.put(path[path.length - 1], value);
    }

    /** The patch with the live resourceVersion, so a concurrent change makes the write fail with 409. */
    Map<String, Object> lockedPatch(String resourceVersion) {
        if (patch.isEmpty() || resourceVersion == null) {
            return new LinkedHashMap<>(patch);
        }
        Map<String, Object> copy = new LinkedHashMap<>(patch);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) copy.getOrDefault("metadata", Map.of()));
        meta.put("resourceVersion", resourceVersion);
        copy.put("metadata", meta);
        return copy;
    }

    private void keys(String kind, Map<String, String> planned, Map<String, String> live, Map<String, Object> meta) {
        Map<String, String> liveMap = live == null ? Map.of() : live;
        Map<String, Object> changed = new LinkedHashMap<>();
        (planned == null ? Map.<String, String>of() : planned).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    if (field("metadata." + kind + "[" + e.getKey() + "]", liveMap.get(e.getKey()), e.getValue())) {
                        changed.put(e.getKey(), e.getValue());
                    }
                });
        if (!changed.isEmpty()) {
            meta.put(kind, changed);
        }
    }

    static String show(Object value) {
        return value == null ? NONE : value.toString();
    }
}
