package dev.gantry.core.controlplane;

import dev.gantry.core.ParseException;
import dev.gantry.core.internal.Addresses;
import java.util.Objects;

/**
 * The stable address that clients and joining nodes use for the Kubernetes API: a DNS name or a
 * virtual IP in front of all control-plane machines, never one machine's own address.
 *
 * <pre>{@code
 * ApiEndpoint.parse("k8s-api.prod.example.com");   // port 6443
 * ApiEndpoint.parse("10.0.1.10:8443");
 * ApiEndpoint.parse("[fd00::10]:6443");             // IPv6 in brackets
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param host a DNS host name, an IPv4 literal or an IPv6 literal (without brackets)
 * @param port the TCP port, 1 to 65535
 */
public record ApiEndpoint(String host, int port) {

    /** The port used when the text names none: the API server's default, 6443. */
    public static final int DEFAULT_PORT = 6443;

    private static final String SOURCE = "control-plane endpoint";
    private static final String EXPECTED = "expected host, host:port or [IPv6]:port, like"
            + " k8s-api.example.com, 10.0.1.10:6443 or [fd00::10]:6443";

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when the host is not a host name or IP literal, or the port
     *     is out of range
     */
    public ApiEndpoint {
        Objects.requireNonNull(host, "host");
        if (!Addresses.isHost(host)) {
            throw new IllegalArgumentException("'" + host + "' is not a host name or IP address (" + EXPECTED + ")");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535 but was " + port);
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [IPv6]} or {@code [IPv6]:port}; the port
     * defaults to {@value #DEFAULT_PORT}.
     *
     * @param text the endpoint, without a scheme or path
     * @return the endpoint
     * @throws ParseException naming the text and the expected forms when it is none of them
     */
    public static ApiEndpoint parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.contains("://") || text.contains("/")) {
            throw error(text, "give the endpoint without a scheme or path");
        }
        if (text.startsWith("[")) {
            return bracketed(text);
        }
        int colons = (int) text.chars().filter(c -> c == ':').count();
        if (colons > 1) {
            throw error(text, "put an IPv6 address in brackets, like [fd00::10]:6443");
        }
        int colon = text.indexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        if (!Addresses.isHost(host)) {
            throw error(text, "'" + host + "' is not a host name or IPv4 address");
        }
        return new ApiEndpoint(host, colon < 0 ? DEFAULT_PORT : port(text, text.substring(colon + 1)));
    }

    /**
     * Tells whether the host is an IP literal rather than a DNS name.
     *
     * @return {@code true} for {@code 10.0.1.10} or {@code fd00::10}
     */
    public boolean isIpAddress() {
        return Addresses.ipLiteral(host).isPresent();
    }

    /**
     * Returns the HTTPS URL of the API, e.g. {@code https://k8s-api.example.com:6443}.
     *
     * @return the URL
     */
    public String url() {
        return "https://" + this;
    }

    /**
     * Returns {@code host:port}, with an IPv6 host in brackets, as kubeadm expects it.
     *
     * @return e.g. {@code k8s-api.example.com:6443} or {@code [fd00::10]:6443}
     */
    @Override
    public String toString() {
        return Addresses.forUrl(host) + ":" + port;
    }

    private static ApiEndpoint bracketed(String text) {
        int close = text.indexOf(']');
        if (close < 0) {
            throw error(text, "missing ']' after the IPv6 address");
        }
        String host = text.substring(1, close);
        if (host.indexOf(':') < 0 || Addresses.ipLiteral(host).isEmpty()) {
            throw error(text, "'" + host + "' in brackets is not an IPv6 address");
        }
        String rest = text.substring(close + 1);
        if (rest.isEmpty()) {
            return new ApiEndpoint(host, DEFAULT_PORT);
        }
        if (!rest.startsWith(":")) {
            throw error(text, "expected ':port' after ']'");
        }
        return new ApiEndpoint(host, port(text, rest.substring(1)));
    }

    private static int port(String text, String port) {
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw error(text, "port '" + port + "' is not a number from 1 to 65535");
        }
        return Integer.parseInt(port);
    }

    private static ParseException error(String text, String problem) {
        return new ParseException(SOURCE, 0, text, problem + " (" + EXPECTED + ")", null);
    }
}
