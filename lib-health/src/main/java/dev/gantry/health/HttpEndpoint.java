package dev.gantry.health;

import dev.gantry.core.Secret;
import dev.gantry.core.internal.Checks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an HTTP service: the URL, credentials, the time a whole call may take and
 * the largest answer read. One type for every outbound call of gantry-health: sync sources, etcd,
 * node_exporter scrapes and the sidecar.
 *
 * <p>Immutable and thread-safe. Credentials are {@link Secret}s: they never appear in
 * {@link #toString()}, logs or error messages, and a URL with {@code user:password@} in it is
 * rejected so that a password cannot hide in a URL.
 *
 * <pre>{@code
 * HttpEndpoint rpc = HttpEndpoint.of("http://127.0.0.1:9332")
 *         .withBasicAuth("rpc", Secret.fromEnv("RPC_PASSWORD"))
 *         .withTimeout(Duration.ofSeconds(2));
 * }</pre>
 *
 * @param url the base URL, such as a node's RPC
 * @param user the basic-auth user name, if any
 * @param password the basic-auth password, if any
 * @param bearerToken a bearer token, if any (sent as {@code Authorization: Bearer …})
 * @param timeout the deadline for one whole call, connect to last byte; default 2 seconds
 * @param maxBodyBytes the largest answer read; a larger one fails the call; default 1 MiB
 * @param tls how an https URL's certificate is checked and which client certificate is shown;
 *     default {@link TlsSettings#ofDefaults()}
 */
public record HttpEndpoint(URI url, Optional<String> user, Optional<Secret> password, Optional<Secret> bearerToken,
        Duration timeout, long maxBodyBytes, TlsSettings tls) {

    /** The default deadline of one call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The default limit on the size of an answer. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /** Validates the fields. */
    public HttpEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tls, "tls");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must be http or https but was: " + url.getScheme() + "://…");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("url has no host: " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry credentials (user:password@); use withBasicAuth");
        }
        Checks.positive(timeout, "timeout");
        Checks.positive(maxBodyBytes, "maxBodyBytes");
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("basic auth needs both user and password");
        }
    }

    /**
     * Creates an endpoint for a URL given as text.
     *
     * @param url the base URL, e.g. {@code http://127.0.0.1:8545}
     * @return an endpoint without credentials and with the default timeout and size limit
     */
    public static HttpEndpoint of(String url) {
        Objects.requireNonNull(url, "url");
        return of(URI.create(url));
    }

    /**
     * Creates an endpoint for a URL.
     *
     * @param url the base URL
     * @return an endpoint without credentials and with the default timeout and size limit
     */
    public static HttpEndpoint of(URI url) {
        return new HttpEndpoint(url, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT,
                DEFAULT_MAX_BODY_BYTES, TlsSettings.ofDefaults());
    }

    /**
     * Returns a copy that authenticates with HTTP basic auth.
     *
     * @param newUser the user
     * @param newPassword the password
     * @return a copy that authenticates with HTTP basic auth
     */
    public HttpEndpoint withBasicAuth(String newUser, Secret newPassword) {
        return new HttpEndpoint(url, Optional.of(newUser), Optional.of(newPassword), bearerToken, timeout, maxBodyBytes,
                tls);
    }

    /**
     * Returns a copy that sends a bearer token.
     *
     * @param token the token
     * @return a copy that sends {@code Authorization: Bearer <token>}
     */
    public HttpEndpoint withBearerToken(Secret token) {
        return new HttpEndpoint(url, user, password, Optional.of(token), timeout, maxBodyBytes, tls);
    }

    /**
     * Returns a copy with another deadline for one whole call.
     *
     * @param newTimeout the deadline for one whole call
     * @return a copy with another deadline
     */
    public HttpEndpoint withTimeout(Duration newTimeout) {
        return new HttpEndpoint(url, user, password, bearerToken, newTimeout, maxBodyBytes, tls);
    }

    /**
     * Returns a copy with another limit on the size of an answer.
     *
     * @param newMaxBodyBytes the largest answer to read
     * @return a copy with another limit
     */
    public HttpEndpoint withMaxBodyBytes(long newMaxBodyBytes) {
        return new HttpEndpoint(url, user, password, bearerToken, timeout, newMaxBodyBytes, tls);
    }

    /**
     * A copy with other TLS settings for an https URL.
     *
     * @param newTls the settings, e.g. {@code TlsSettings.ofDefaults().withCaBundle(ca)}
     * @return the copy
     */
    public HttpEndpoint withTls(TlsSettings newTls) {
        return new HttpEndpoint(url, user, password, bearerToken, timeout, maxBodyBytes, newTls);
    }

    /**
     * A copy that trusts the CAs of a PEM file instead of the JDK's trust store, like etcdctl's
     * {@code --cacert}.
     *
     * @param pemFile one or more PEM certificates, e.g. {@code /etc/kubernetes/pki/etcd/ca.crt}
     * @return the copy
     * @throws dev.gantry.core.GantryException when the file cannot be read
     * @throws IllegalArgumentException when it holds no certificate
     */
    public HttpEndpoint withCaBundle(Path pemFile) {
        return withTls(tls.withCaBundle(pemFile));
    }

    /**
     * A copy that shows a client certificate (mutual TLS), like etcdctl's {@code --cert} and
     * {@code --key}. The key is read once and kept as a {@link Secret}.
     *
     * @param certificateFile the PEM certificate
     * @param keyFile its unencrypted PEM private key (PKCS#8, PKCS#1 or SEC1)
     * @return the copy
     * @throws dev.gantry.core.GantryException when a file cannot be read
     * @throws IllegalArgumentException when the files are not a certificate and its key
     */
    public HttpEndpoint withClientCertificate(Path certificateFile, Path keyFile) {
        return withTls(tls.withClientCertificate(certificateFile, keyFile));
    }

    /**
     * Resolves a path against the base URL.
     *
     * @param path a path relative to the base URL, e.g. {@code status} or {@code /eth/v1/node/syncing}
     * @return the resolved URL
     */
    public URI resolve(String path) {
        String base = url.toString();
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (path.startsWith("/") ? path : "/" + path);
        return URI.create(joined);
    }

    /** Returns the URL and settings, with credentials masked. */
    @Override
    public String toString() {
        return "HttpEndpoint[" + url + (user.isPresent() ? ", basic auth " + user.get() + ":****" : "")
                + (bearerToken.isPresent() ? ", bearer ****" : "") + ", timeout " + timeout
                + (tls.equals(TlsSettings.ofDefaults()) ? "" : ", " + tls) + "]";
    }
}
