package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.internal.HttpTransport;
import dev.gantry.health.internal.HttpTransport.Answer;
import java.io.IOException;
import java.io.InterruptedIOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP and JSON plumbing of every sync source: calls through an {@link HttpTransport} bound by
 * the endpoint's deadline and size limit, and errors that name the source and say what was
 * expected. Thread-safe.
 */
final class HttpJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final String source;
    private final HttpTransport transport;

    HttpJson(String source, HttpEndpoint endpoint) {
        this.source = source;
        this.transport = HttpTransport.pooled(endpoint);
    }

    /** GETs {@code path} relative to the endpoint. */
    Answer get(String path) {
        try {
            return transport.get(path);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** POSTs a JSON body to {@code path} relative to the endpoint. */
    Answer post(String path, String jsonBody) {
        try {
            return transport.post(path, jsonBody);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Parses an answer's body as JSON, failing with the body's start when it is not JSON. */
    JsonNode json(Answer answer) {
        try {
            return MAPPER.readTree(answer.body());
        } catch (JacksonException e) {
            throw failure("expected a JSON answer but got " + answer.describe() + " (" + e.getOriginalMessage() + ")",
                    e);
        }
    }

    /** Fails unless the answer is a 2xx, explaining the common statuses. */
    Answer requireOk(Answer answer) {
        if (answer.ok()) {
            return answer;
        }
        throw failure("HTTP " + answer.status() + ": " + hint(answer.status()) + "; the node answered "
                + answer.describe(), null);
    }

    /** Serialises a value as JSON. */
    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    SyncSourceException failure(String problem, Throwable cause) {
        return new SyncSourceException(source, problem, cause);
    }

    private SyncSourceException failed(IOException e) {
        if (e instanceof HttpTransport.BodyTooLargeException) {
            return failure(e.getMessage() + "; is this the node's RPC port?", null);
        }
        if (e instanceof InterruptedIOException) {
            return failure("no answer within " + transport.endpoint().timeout().toMillis()
                    + " ms (the endpoint's timeout)", e);
        }
        return failure("cannot reach the node: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static String hint(int status) {
        switch (status) {
            case 401:
                return "the node rejected the credentials; check the RPC user and password or token";
            case 403:
                return "the node refused access; check its rpcallowip or access list";
            case 404:
                return "no such path or method; check the URL and that this is the right node family";
            case 429:
                return "the node is rate limiting";
            default:
                return status >= 500 ? "the node failed to answer" : "unexpected status";
        }
    }
}
