package dev.gantry.health.sidecar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of a health endpoint: the status code and the JSON body, with the reason and lag of
 * the sidecar's {@code node} check.
 *
 * @param status the HTTP status code
 * @param body the JSON body
 */
record HealthAnswer(int status, JsonNode body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * GETs a health URL.
     *
     * @param uri e.g. {@code http://127.0.0.1:8080/healthcheck}
     * @return the answer
     */
    static HealthAnswer get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new HealthAnswer(response.statusCode(), parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + uri, e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JacksonException notJson) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** @return the reason code of the {@code node} check, or an empty string before it has one */
    String reason() {
        return body.path("checks").path(SidecarOptions.CHECK_NAME).path("reason").asString("");
    }

    /** @return the lag of the {@code node} check, or -1 when it has none */
    long lag() {
        return body.path("checks").path(SidecarOptions.CHECK_NAME).path("lag").asLong(-1);
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + body;
    }
}
