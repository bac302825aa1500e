package dev.gantry.health;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP answer of the health endpoint, built before anything is written to the socket.
 *
 * @param code the HTTP status code
 * @param contentType the {@code Content-Type}
 * @param body the body; HEAD requests send the headers only
 * @param headers further headers, in order
 */
record Reply(int code, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    Reply {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static Reply text(int code, String text) {
        return new Reply(code, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply json(int code, byte[] json) {
        return new Reply(code, JSON, json, Map.of());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(code, contentType, body, copy);
    }
}
