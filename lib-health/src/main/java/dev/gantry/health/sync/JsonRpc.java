package dev.gantry.health.sync;

import dev.gantry.health.internal.HttpTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
    private final Supplier<Object> ids;
    private final Optional<Integer> warmingUpCode;

    JsonRpc(HttpJson http, String path, String version) {
        this(http, path, version, new AtomicLong()::incrementAndGet);
    }

    /** With request ids from {@code ids}, e.g. always {@code "0"} as monerod's documentation sends. */
    JsonRpc(HttpJson http, String path, String version, Supplier<Object> ids) {
        this(http, path, version, ids, Optional.empty());
    }

    private JsonRpc(HttpJson http, String path, String version, Supplier<Object> ids, Optional<Integer> warmingUpCode) {
        this.http = http;
        this.path = path;
        this.version = version;
        this.ids = ids;
        this.warmingUpCode = warmingUpCode;
    }

    /** A copy that raises {@link NodeWarmingUpException} for the family's "still starting" error code. */
    JsonRpc warmingUpOn(int code) {
        return new JsonRpc(http, path, version, ids, Optional.of(code));
    }

    /** Calls {@code method} and returns its {@code result}, which may be a JSON null. */
    JsonNode call(String method, Object... params) {
        JsonNode reply = reply(method, params);
        if (hasError(reply)) {
            throw error(method, reply.get("error"));
        }
        return reply.get("result");
    }

    /**
     * Calls {@code method} and returns the whole reply: either it has an {@code error} object,
     * which the caller handles, or it is a 2xx answer with a {@code result}. Fails like
     * {@link #call} on transport, HTTP and format errors. For methods whose documented errors
     * are answers, such as Solana's {@code getHealth}.
     */
    JsonNode reply(String method, Object... params) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", version);
        request.put("id", ids.get());
        request.put("method", method);
        request.put("params", List.of(params));
        HttpTransport.Answer answer = http.post(path, HttpJson.write(request));
        if (answer.status() == 401 || answer.status() == 403 || answer.body().isBlank()) {
            http.requireOk(answer);
        }
        JsonNode reply = jsonOrStatusError(answer);
        if (hasError(reply)) {
            return reply;
        }
        http.requireOk(answer);
        if (!reply.has("result")) {
            throw http.failure("RPC " + method + " answered without a 'result' field: expected a JSON-RPC "
                    + version + " response", null);
        }
        return reply;
    }

    /** Whether a reply carries a non-null {@code error}. */
    static boolean hasError(JsonNode reply) {
        JsonNode error = reply.path("error");
        return !error.isMissingNode() && !error.isNull();
    }

    /** The failure for an RPC error object, with its code and message. */
    SyncSourceException error(String method, JsonNode error) {
        String problem = "RPC " + method + " failed with error " + error.path("code").asString("?") + ": "
                + error.path("message").asString(error.toString());
        if (warmingUpCode.isPresent() && error.path("code").isIntegralNumber()
                && error.path("code").asLong() == warmingUpCode.get()) {
            return new NodeWarmingUpException(http.failure(problem, null).source(), problem + " (the node is starting)");
        }
        return http.failure(problem, null);
    }

    private JsonNode jsonOrStatusError(HttpTransport.Answer answer) {
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
