package dev.gantry.health.internal;

import okhttp3.OkHttpClient;

/**
 * Not part of Gantry's API; it may change in any release. How every Gantry HTTP client treats a
 * connection the server closed: the call goes again on a fresh connection instead of failing.
 *
 * <p>Servers close connections on their own: an HTTP/1.0 server (Python's
 * {@code BaseHTTPRequestHandler}, many proxies and stand-ins) after each answer without saying
 * so, a keep-alive server (nginx {@code keepalive_timeout}, CometBFT's RPC after 10 s) once a
 * connection has been idle for a while. A pooled connection then fails the next call with
 * "unexpected end of stream" or a reset, although the node is up. OkHttp's recovery retries such
 * a call on another connection, and only while another route or a fresh connection is left: a
 * fresh connection that fails, a refused connect, a read timeout, a certificate that is not
 * trusted and a protocol error are not retried, and the client's whole-call timeout still bounds
 * every attempt, so a node that is really down is reported within the endpoint's timeout.
 */
public final class Connections {

    private Connections() {
    }

    /**
     * Makes a client go again on a fresh connection when a pooled one turns out to be closed.
     *
     * @param builder the client's builder; its call timeout bounds the retries
     * @return the same builder
     */
    public static OkHttpClient.Builder recoverClosedConnections(OkHttpClient.Builder builder) {
        return builder.retryOnConnectionFailure(true);
    }
}
