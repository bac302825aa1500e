package dev.gantry.health.internal;

import dev.gantry.health.HttpEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Not part of Gantry's API; it may change in any release. The HTTP calls every health adapter
 * makes to one {@link HttpEndpoint}: a client derived from the process's shared one ({@link
 * HttpClients}) whose connect, read, write and whole-call timeouts are the endpoint's timeout, the
 * endpoint's credentials and TLS settings on every request, no redirects, no retries but on a fresh
 * connection when the server had closed the one used ({@link Connections}), and answers read in
 * full only up to the endpoint's size limit. Adapters turn the
 * {@link IOException}s into their own errors. Thread-safe.
 */
public final class HttpTransport {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int SNIPPET = 120;

    private final HttpEndpoint endpoint;
    private final OkHttpClient client;
    private final String bearerPrefix;
    private final boolean keepConnections;

    private HttpTransport(HttpEndpoint endpoint, boolean keepConnections, String bearerPrefix) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.bearerPrefix = bearerPrefix;
        this.keepConnections = keepConnections;
        this.client = HttpClients.forEndpoint(endpoint);
    }

    /**
     * Returns a transport that keeps idle connections and sends a token as {@code Bearer <token>}.
     *
     * @param endpoint where to call
     * @return a transport that keeps idle connections and sends a token as {@code Bearer <token>}
     */
    public static HttpTransport pooled(HttpEndpoint endpoint) {
        return new HttpTransport(endpoint, true, "Bearer ");
    }

    /**
     * Returns a transport that keeps no idle connection, so no call fails on a connection the
     * server closed meanwhile, and sends a token as the bare {@code Authorization} value (etcd).
     *
     * @param endpoint where to call
     * @return a transport that keeps no idle connection, so no call fails on a connection the
     *     server closed meanwhile, and sends a token as the bare {@code Authorization} value (etcd)
     */
    public static HttpTransport unpooled(HttpEndpoint endpoint) {
        return new HttpTransport(endpoint, false, "");
    }

    /**
     * An HTTP answer, read in full within the size limit.
     *
     * @param status the HTTP status code
     * @param contentType the {@code Content-Type}, or {@code null} as text when there was none
     * @param body the body as UTF-8
     */
    public record Answer(int status, String contentType, String body) {

        /**
         * Returns whether the status is 2xx.
         *
         * @return whether the status is 2xx
         */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * Returns the content type and the start of the body, control characters blanked, for
         * errors.
         *
         * @return the content type and the start of the body, control characters blanked, for errors
         */
        public String describe() {
            return HttpTransport.describe(contentType, body);
        }
    }

    /**
     * Returns the content type and the start of the body, control characters blanked, for errors.
     *
     * @param contentType an answer's content type
     * @param body its body
     * @return the content type and the start of the body, control characters blanked, for errors
     */
    public static String describe(String contentType, String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            return "an empty body";
        }
        String start = text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
        return contentType + " starting with \"" + start.replaceAll("\\p{Cntrl}", " ") + "\"";
    }

    /** The answer was larger than the endpoint's {@link HttpEndpoint#maxBodyBytes()}. */
    public static final class BodyTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("the answer is larger than " + limit + " bytes (the endpoint's maxBodyBytes)");
        }
    }

    /** Returns the client this transport calls with, for tests. */
    OkHttpClient client() {
        return client;
    }

    /**
     * Returns the endpoint this transport calls.
     *
     * @return the endpoint this transport calls
     */
    public HttpEndpoint endpoint() {
        return endpoint;
    }

    /**
     * GETs a path relative to the endpoint.
     *
     * @param path the path
     * @return the answer, whatever its status
     * @throws java.io.InterruptedIOException when no answer came within the endpoint's timeout
     * @throws BodyTooLargeException when the answer is larger than the endpoint allows
     * @throws IOException when the endpoint cannot be reached
     */
    public Answer get(String path) throws IOException {
        return exchange(request(path).get().build());
    }

    /**
     * POSTs a JSON body to a path relative to the endpoint.
     *
     * @param path the path
     * @param jsonBody the body
     * @return the answer, whatever its status
     * @throws IOException as {@link #get(String)}
     */
    public Answer post(String path, String jsonBody) throws IOException {
        return exchange(request(path).post(RequestBody.create(jsonBody, JSON)).build());
    }

    private Request.Builder request(String path) {
        Request.Builder builder = new Request.Builder().url(endpoint.resolve(path).toString())
                .header("Accept", "application/json");
        if (!keepConnections) {
            builder.header("Connection", "close");
        }
        if (endpoint.user().isPresent() && endpoint.password().isPresent()) {
            builder.header("Authorization",
                    Credentials.basic(endpoint.user().get(), endpoint.password().get().reveal(), StandardCharsets.UTF_8));
        }
        endpoint.bearerToken().ifPresent(token -> builder.header("Authorization", bearerPrefix + token.reveal()));
        return builder;
    }

    private Answer exchange(Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            return new Answer(response.code(), String.valueOf(body.contentType()), readBounded(body));
        }
    }

    private String readBounded(ResponseBody body) throws IOException {
        long limit = endpoint.maxBodyBytes();
        BufferedSource source = body.source();
        if (source.request(limit + 1)) {
            throw new BodyTooLargeException(limit);
        }
        return source.getBuffer().readUtf8();
    }
}
