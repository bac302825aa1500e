package dev.gantry.health.sync;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP and JSON plumbing of every sync source: one OkHttp client bound by the endpoint's
 * deadline, answers read up to the endpoint's size limit, and errors that name the source and
 * say what was expected. Thread-safe.
 */
final class HttpJson {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int SNIPPET = 120;

    private final String source;
    private final Endpoint endpoint;
    private final OkHttpClient client;

    HttpJson(String source, Endpoint endpoint) {
        this.source = source;
        this.endpoint = endpoint;
        this.client = new OkHttpClient.Builder()
                .callTimeout(endpoint.timeout())
                .connectTimeout(endpoint.timeout())
                .readTimeout(endpoint.timeout())
                .writeTimeout(endpoint.timeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }

    /** An HTTP answer, read in full within the size limit. */
    record Answer(int status, String contentType, String body) {
    }

    /** GETs {@code path} relative to the endpoint. */
    Answer get(String path) {
        return exchange(request(endpoint.resolve(path)).get().build());
    }

    /** POSTs a JSON body to {@code path} relative to the endpoint. */
    Answer post(String path, String jsonBody) {
        return exchange(request(endpoint.resolve(path)).post(RequestBody.create(jsonBody, JSON)).build());
    }

    /** Parses an answer's body as JSON, failing with the body's start when it is not JSON. */
    JsonNode json(Answer answer) {
        try {
            return MAPPER.readTree(answer.body());
        } catch (JacksonException e) {
            throw failure("expected a JSON answer but got " + describe(answer) + " (" + e.getOriginalMessage() + ")",
                    e);
        }
    }

    /** Fails unless the answer is a 2xx, explaining the common statuses. */
    Answer requireOk(Answer answer) {
        if (answer.status() >= 200 && answer.status() < 300) {
            return answer;
        }
        throw failure("HTTP " + answer.status() + ": " + hint(answer.status()) + "; the node answered "
                + describe(answer), null);
    }

    /** Serialises a value as JSON. */
    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    SyncSourceException failure(String problem, Throwable cause) {
        return new SyncSourceException(source, problem, cause);
    }

    private Request.Builder request(URI url) {
        Request.Builder builder = new Request.Builder().url(url.toString()).header("Accept", "application/json");
        if (endpoint.user().isPresent() && endpoint.password().isPresent()) {
            builder.header("Authorization",
                    Credentials.basic(endpoint.user().get(), endpoint.password().get().reveal(), StandardCharsets.UTF_8));
        }
        endpoint.bearerToken().ifPresent(token -> builder.header("Authorization", "Bearer " + token.reveal()));
        return builder;
    }

    private Answer exchange(Request request) {
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            String contentType = String.valueOf(body.contentType());
            return new Answer(response.code(), contentType, readBounded(body));
        } catch (InterruptedIOException e) {
            throw failure("no answer within " + endpoint.timeout().toMillis() + " ms (the endpoint's timeout)", e);
        } catch (IOException e) {
            throw failure("cannot reach the node: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private String readBounded(ResponseBody body) throws IOException {
        long limit = endpoint.maxBodyBytes();
        BufferedSource source = body.source();
        if (source.request(limit + 1)) {
            throw failure("the answer is larger than " + limit + " bytes (the endpoint's maxBodyBytes);"
                    + " is this the node's RPC port?", null);
        }
        return source.getBuffer().readUtf8();
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

    private static String describe(Answer answer) {
        String body = answer.body().strip();
        if (body.isEmpty()) {
            return "an empty body";
        }
        String start = body.length() > SNIPPET ? body.substring(0, SNIPPET) + "…" : body;
        return answer.contentType() + " starting with \"" + start.replaceAll("\\p{Cntrl}", " ") + "\"";
    }
}
