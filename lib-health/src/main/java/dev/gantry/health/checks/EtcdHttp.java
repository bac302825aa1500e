package dev.gantry.health.checks;

import dev.gantry.health.sync.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
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
 * The HTTP plumbing of {@link EtcdClient}: one OkHttp client bound by the endpoint's deadline
 * (connect to last byte), answers read up to the endpoint's size limit, and {@link EtcdException}s
 * that name the endpoint and the call and say what was expected. No idle connection is kept, so a
 * health read never fails on a connection the member closed meanwhile, and nothing is retried.
 * Thread-safe.
 */
final class EtcdHttp {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int SNIPPET = 120;

    private final Endpoint endpoint;
    private final OkHttpClient client;

    EtcdHttp(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.client = new OkHttpClient.Builder()
                .callTimeout(endpoint.timeout())
                .connectTimeout(endpoint.timeout())
                .readTimeout(endpoint.timeout())
                .writeTimeout(endpoint.timeout())
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }

    /** An HTTP answer, read in full within the size limit. */
    record Answer(String call, int status, String contentType, String body) {
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** GETs {@code path}. */
    Answer get(String path) {
        return exchange("GET " + path, request(path).get().build());
    }

    /** POSTs a JSON body to {@code path}, as the gRPC gateway expects. */
    Answer post(String path, String jsonBody) {
        return exchange("POST " + path, request(path).post(RequestBody.create(jsonBody, JSON)).build());
    }

    /** Fails unless the answer is a 2xx. */
    Answer requireOk(Answer answer, String expected) {
        if (answer.status() >= 200 && answer.status() < 300) {
            return answer;
        }
        throw failure(answer.call() + ": HTTP " + answer.status() + ": " + hint(answer.status())
                + "; expected " + expected + " but the member answered " + describe(answer), null);
    }

    /** Parses an answer's body as a JSON object. */
    JsonNode json(Answer answer, String expected) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(answer.body());
        } catch (JacksonException e) {
            throw failure(answer.call() + ": expected " + expected + " but got " + describe(answer) + " ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw failure(answer.call() + ": expected " + expected + " but got " + describe(answer), null);
        }
        return tree;
    }

    EtcdException failure(String problem, Throwable cause) {
        return new EtcdException(endpoint.url().toString(), problem, cause);
    }

    private Request.Builder request(String path) {
        Request.Builder builder = new Request.Builder().url(endpoint.resolve(path).toString())
                .header("Accept", "application/json");
        if (endpoint.user().isPresent() && endpoint.password().isPresent()) {
            builder.header("Authorization",
                    Credentials.basic(endpoint.user().get(), endpoint.password().get().reveal(), StandardCharsets.UTF_8));
        }
        endpoint.bearerToken().ifPresent(token -> builder.header("Authorization", token.reveal()));
        return builder;
    }

    private Answer exchange(String call, Request request) {
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            return new Answer(call, response.code(), String.valueOf(body.contentType()), readBounded(call, body));
        } catch (InterruptedIOException e) {
            throw failure(call + ": no answer within " + endpoint.timeout().toMillis()
                    + " ms (the endpoint's timeout); is the member overloaded or partitioned?", e);
        } catch (IOException e) {
            throw failure(call + ": cannot reach the member: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "; is etcd listening on this client URL?", e);
        }
    }

    private String readBounded(String call, ResponseBody body) throws IOException {
        long limit = endpoint.maxBodyBytes();
        BufferedSource source = body.source();
        if (source.request(limit + 1)) {
            throw failure(call + ": the answer is larger than " + limit + " bytes (the endpoint's maxBodyBytes);"
                    + " is this etcd's client port?", null);
        }
        return source.getBuffer().readUtf8();
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

    private static String describe(Answer answer) {
        String body = answer.body().strip();
        if (body.isEmpty()) {
            return "an empty body";
        }
        String start = body.length() > SNIPPET ? body.substring(0, SNIPPET) + "…" : body;
        return answer.contentType() + " starting with \"" + start.replaceAll("\\p{Cntrl}", " ") + "\"";
    }
}
