package dev.gantry.health.etcd;

import dev.gantry.health.internal.HttpTransport;
import dev.gantry.health.HttpEndpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP plumbing of {@link EtcdClient}: calls through an {@link HttpTransport} bound by the
 * endpoint's deadline (connect to last byte) and size limit, and {@link EtcdException}s that name
 * the endpoint and the call and say what was expected. No idle connection is kept, so a health
 * read never fails on a connection the member closed meanwhile, and nothing is retried.
 * Thread-safe.
 */
final class EtcdHttp {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpTransport transport;

    EtcdHttp(HttpEndpoint endpoint) {
        this.transport = HttpTransport.unpooled(endpoint);
    }

    /** An HTTP answer to one call, read in full within the size limit. */
    record Answer(String call, int status, String contentType, String body) {

        private Answer(String call, HttpTransport.Answer answer) {
            this(call, answer.status(), answer.contentType(), answer.body());
        }

        String describe() {
            return HttpTransport.describe(contentType, body);
        }
    }

    HttpEndpoint endpoint() {
        return transport.endpoint();
    }

    /** GETs {@code path}. */
    Answer get(String path) {
        String call = "GET " + path;
        try {
            return new Answer(call, transport.get(path));
        } catch (IOException e) {
            throw failed(call, e);
        }
    }

    /** POSTs a JSON body to {@code path}, as the gRPC gateway expects. */
    Answer post(String path, String jsonBody) {
        String call = "POST " + path;
        try {
            return new Answer(call, transport.post(path, jsonBody));
        } catch (IOException e) {
            throw failed(call, e);
        }
    }

    /** Fails unless the answer is a 2xx. */
    Answer requireOk(Answer answer, String expected) {
        if (answer.status() >= 200 && answer.status() < 300) {
            return answer;
        }
        throw failure(answer.call() + ": HTTP " + answer.status() + ": " + hint(answer.status())
                + "; expected " + expected + " but the member answered " + answer.describe(), null);
    }

    /** Parses an answer's body as a JSON object. */
    JsonNode json(Answer answer, String expected) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(answer.body());
        } catch (JacksonException e) {
            throw failure(answer.call() + ": expected " + expected + " but got " + answer.describe() + " ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw failure(answer.call() + ": expected " + expected + " but got " + answer.describe(), null);
        }
        return tree;
    }

    EtcdException failure(String problem, Throwable cause) {
        return new EtcdException(endpoint().url().toString(), problem, cause);
    }

    private EtcdException failed(String call, IOException e) {
        if (e instanceof HttpTransport.BodyTooLargeException) {
            return failure(call + ": " + e.getMessage() + "; is this etcd's client port?", null);
        }
        if (e instanceof InterruptedIOException) {
            return failure(call + ": no answer within " + endpoint().timeout().toMillis()
                    + " ms (the endpoint's timeout); is the member overloaded or partitioned?", e);
        }
        return failure(call + ": cannot reach the member: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + "; is etcd listening on this client URL?", e);
    }

    private static String hint(int status) {
        switch (status) {
            case 401:
                return "etcd rejected the credentials; check the user and password or token";
            case 403:
                return "etcd refused access; check the user's role";
            case 404:
                return "no such path; is this etcd 3.4 or later on its client port?";
            case 405:
                return "method not allowed; the gateway takes POST for /v3 calls";
            case 503:
                return "the member is unavailable";
            default:
                return status >= 500 ? "the member failed to answer" : "unexpected status";
        }
    }
}
