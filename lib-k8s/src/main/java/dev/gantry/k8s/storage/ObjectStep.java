package dev.gantry.k8s.storage;

import dev.gantry.core.Finding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One planned object as the preview judged it: the change, its findings, the planned object (the
 * body of a create) and the JSON merge patch of a change (a null value removes a field).
 */
record ObjectStep(StorageChange change, List<Finding> findings, HasMetadata planned, Map<String, Object> patch) {

    ObjectStep {
        findings = List.copyOf(findings);
        patch = Collections.unmodifiableMap(new LinkedHashMap<>(patch));
    }

    boolean writes() {
        return change.action() == StorageChange.Action.CREATE || change.action() == StorageChange.Action.CHANGE;
    }
}
