package dev.gantry.health.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * JSON-RPC calls over {@link HttpJson}: version 1.0 as Bitcoin Core speaks it, 2.0 for the rest.
 * An answer's {@code error} object wins over its HTTP status, because Bitcoin Core reports RPC
 * errors with HTTP 404 and 500 and a JSON body. Thread-safe.
 */
final class JsonRpc {

    private final HttpJson http;
    private final String path;
    private final String version;
    private final AtomicLong ids = new AtomicLong();

    JsonRpc(HttpJson http, String path, String version) {
        this.http = http;
        this.path = path;
        this.version = version;
    }

    /** Calls {@code method} and returns its {@code result}, which may be a JSON null. */
    JsonNode call(String method, Object... params) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", version);
        request.put("id", ids.incrementAndGet());
        request.put("method", method);
        request.put("params", List.of(params));
        HttpJson.Answer answer = http.post(path, HttpJson.write(request));
        if (answer.status() == 401 || answer.status() == 403 || answer.body().isBlank()) {
            http.requireOk(answer);
        }
        JsonNode reply = jsonOrStatusError(answer);
        JsonNode error = reply.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            throw http.failure("RPC " + method + " failed with error " + error.path("code").asString("?") + ": "
                    + error.path("message").asString(error.toString()), null);
        }
        http.requireOk(answer);
        if (!reply.has("result")) {
            throw http.failure("RPC " + method + " answered without a 'result' field: expected a JSON-RPC "
                    + version + " response", null);
        }
        return reply.get("result");
    }

    private JsonNode jsonOrStatusError(HttpJson.Answer answer) {
        if (answer.status() >= 300) {
            try {
                return http.json(answer);
            } catch (SyncSourceException notJson) {
                http.requireOk(answer);
            }
        }
        return http.json(answer);
    }
}
