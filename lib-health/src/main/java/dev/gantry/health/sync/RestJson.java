package dev.gantry.health.sync;

import dev.gantry.health.internal.HttpTransport;
import tools.jackson.databind.JsonNode;

/**
 * GET calls to a node's JSON API over {@link HttpJson}, for CometBFT's URI RPC and the Beacon
 * API. An error the node explains in JSON wins over its HTTP status, like in {@link JsonRpc}: a
 * JSON-RPC {@code error} (CometBFT answers {@code {"jsonrpc":"2.0","id":-1,"error":{…}}}, with
 * HTTP 200 or 500) or, on a non-2xx status, a REST error body {@code {"code":503,"message":…}}
 * (Beacon API). Thread-safe.
 */
final class RestJson {

    private static final int SNIPPET = 120;

    private final HttpJson http;

    RestJson(HttpJson http) {
        this.http = http;
    }

    /** GETs {@code path} and returns the JSON object the node answered with. */
    JsonNode get(String path) {
        HttpTransport.Answer answer = http.get(path);
        if (answer.status() == 401 || answer.status() == 403 || answer.body().isBlank()) {
            http.requireOk(answer);
        }
        boolean ok = answer.status() >= 200 && answer.status() < 300;
        JsonNode reply = ok ? http.json(answer) : jsonOrStatusError(answer);
        JsonNode rpcError = reply.path("error");
        if (!rpcError.isMissingNode() && !rpcError.isNull()) {
            throw http.failure("GET " + path + " failed" + (ok ? "" : " with HTTP " + answer.status())
                    + " and error " + explain(rpcError), null);
        }
        JsonNode message = reply.path("message");
        if (!ok && message.isString()) {
            throw http.failure("GET " + path + " failed with HTTP " + answer.status() + ": "
                    + text(message.asString()), null);
        }
        http.requireOk(answer);
        if (!reply.isObject()) {
            throw http.failure("GET " + path + ": expected a JSON object but got " + JsonFields.shown(reply), null);
        }
        return reply;
    }

    private JsonNode jsonOrStatusError(HttpTransport.Answer answer) {
        try {
            return http.json(answer);
        } catch (SyncSourceException notJson) {
            http.requireOk(answer);
            throw notJson;
        }
    }

    private static String explain(JsonNode error) {
        if (error.isString()) {
            return text(error.asString());
        }
        String explained = error.path("code").asString("?") + ": "
                + text(error.path("message").asString(JsonFields.shown(error)));
        JsonNode data = error.path("data");
        return data.isString() && !data.asString().isBlank() ? explained + " (" + text(data.asString()) + ")"
                : explained;
    }

    private static String text(String value) {
        String start = value.length() > SNIPPET ? value.substring(0, SNIPPET) + "…" : value;
        return start.replaceAll("\\p{Cntrl}", " ");
    }
}
