package dev.gantry.k8s.storage;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * fabric8's CRUD mock server, except that requests with {@code dryRun=All} are answered without
 * being stored, as a real API server does (the plain mock ignores dryRun and really creates or
 * patches; storage research, section (e)), and that a JSON merge patch replaces arrays as RFC 7386
 * says (the plain mock appends to them). It records every request line, and can answer the next
 * real create with 409 or every dry run of one object with 422, as a racing writer or an admission
 * webhook would.
 */
final class DryRunCluster implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final KubernetesMockServer server;
    final KubernetesClient client;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean conflictOnNextCreate;
    private volatile String rejectDryRunsOf = "";

    DryRunCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher(), false);
        server.init();
        client = server.createClient();
    }

    /** Every request as {@code METHOD path?query}, in order. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests that would change something on a real server: not GET, not a dry run. */
    List<String> realWrites() {
        return requests().stream().filter(r -> !r.startsWith("GET ") && !r.contains("dryRun=All")).toList();
    }

    void forgetRequests() {
        requests.clear();
    }

    void conflictOnNextCreate() {
        conflictOnNextCreate = true;
    }

    void rejectDryRunsOf(String name) {
        rejectDryRunsOf = name;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private final class Dispatcher extends KubernetesCrudDispatcher {

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.add(request.getMethod() + " " + request.getPath());
            String path = request.getPath();
            if (path.contains("dryRun=All")) {
                return dryRun(request, path.substring(0, path.indexOf('?')));
            }
            if ("POST".equals(request.getMethod()) && conflictOnNextCreate) {
                conflictOnNextCreate = false;
                return status(409, "AlreadyExists", "object already exists");
            }
            if ("PATCH".equals(request.getMethod()) && String.valueOf(request.getHeader("Content-Type"))
                    .startsWith("application/merge-patch+json")) {
                return mergePatch(request, path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
            }
            return super.dispatch(request);
        }

        private MockResponse mergePatch(RecordedRequest request, String path) {
            MockResponse current = handleGet(path);
            if (current.code() != 200) {
                return current;
            }
            JsonNode merged = merge(JSON.readTree(current.getBody().readUtf8()), JSON.readTree(request.getUtf8Body()));
            return handleUpdate(path, JSON.writeValueAsString(merged));
        }

        /** RFC 7386: objects merge key by key, null removes, anything else (arrays too) replaces. */
        private JsonNode merge(JsonNode target, JsonNode patch) {
            if (!patch.isObject()) {
                return patch;
            }
            ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> field : patch.properties()) {
                if (field.getValue().isNull()) {
                    result.remove(field.getKey());
                } else {
                    result.set(field.getKey(), merge(result.path(field.getKey()), field.getValue()));
                }
            }
            return result;
        }

        private MockResponse dryRun(RecordedRequest request, String path) {
            String name = "POST".equals(request.getMethod()) ? name(request.getUtf8Body())
                    : path.substring(path.lastIndexOf('/') + 1);
            if (!rejectDryRunsOf.isEmpty() && rejectDryRunsOf.equals(name)) {
                return status(422, "Invalid", "admission webhook \"policy.example.com\" denied the request: " + name);
            }
            if ("POST".equals(request.getMethod())) {
                return handleGet(path + "/" + name).code() == 200
                        ? status(409, "AlreadyExists", name + " already exists")
                        : new MockResponse().setResponseCode(201).setBody(request.getUtf8Body());
            }
            return handleGet(path);
        }

        private String name(String body) {
            JsonNode metadata = JSON.readTree(body).path("metadata");
            return metadata.path("name").asString();
        }

        private MockResponse status(int code, String reason, String message) {
            Map<String, Object> status = Map.of("apiVersion", "v1", "kind", "Status", "status", "Failure",
                    "code", code, "reason", reason, "message", message);
            return new MockResponse().setResponseCode(code).setBody(JSON.writeValueAsString(status));
        }
    }
}
