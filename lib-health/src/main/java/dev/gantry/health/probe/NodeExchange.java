package dev.gantry.health.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to one node, turned into a {@link NodeProbe}: never throws for anything the node
 * does. The client keeps no idle connection ({@code HttpClients.forProbe}). Reads at most {@value #BODY_BYTES} bytes of a body. Thread-safe.
 */
final class NodeExchange {

    private static final Logger log = LoggerFactory.getLogger(FleetProbe.class);

    static final int BODY_BYTES = 1024;
    private static final String USER_AGENT = "gantry-fleet-probe";

    private final OkHttpClient client;
    private final FleetProbe.Method method;
    private final ExpectedStatus expected;
    private final Duration timeout;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    NodeExchange(OkHttpClient client, FleetProbe.Method method, ExpectedStatus expected, Duration timeout) {
        this.client = client;
        this.method = method;
        this.expected = expected;
        this.timeout = timeout;
    }

    NodeProbe probe(URI url) {
        long start = System.nanoTime();
        NodeProbe node;
        try {
            node = exchange(url, start);
        } catch (IOException | RuntimeException e) {
            node = new NodeProbe(url, false, 0, since(start), reason(e, url), Optional.empty());
        }
        log.debug("{} {} -> {}", method, url, node);
        return node;
    }

    private NodeProbe exchange(URI url, long start) throws IOException {
        Request request = new Request.Builder().url(url.toString()).method(method.name(), null)
                .header("User-Agent", USER_AGENT).build();
        Call call = client.newCall(request);
        inFlight.add(call);
        if (cancelled) {
            call.cancel();
        }
        try (Response response = call.execute()) {
            int code = response.code();
            if (code < 100 || code > 599) {
                return new NodeProbe(url, false, 0, since(start), "not an HTTP answer: status " + code,
                        Optional.empty());
            }
            Optional<String> body = method == FleetProbe.Method.HEAD ? Optional.empty() : bodyStart(response.body());
            boolean healthy = expected.accepts(code);
            return new NodeProbe(url, healthy, code, since(start), healthy ? "ok" : "HTTP " + code, body);
        } finally {
            inFlight.remove(call);
        }
    }

    /** Cancels the requests in flight; the shared client and its other calls are left alone. */
    void cancelAll() {
        cancelled = true;
        inFlight.forEach(Call::cancel);
    }

    /** The start of a body, cleaned for one line; empty when the body is empty or cannot be read. */
    private static Optional<String> bodyStart(ResponseBody body) {
        try {
            BufferedSource source = body.source();
            boolean more = source.request(BODY_BYTES + 1L);
            Buffer buffer = source.getBuffer();
            String text = oneLine(buffer.readUtf8(Math.min(buffer.size(), BODY_BYTES)), NodeProbe.MAX_BODY_START);
            if (more && !text.endsWith("…")) {
                text += "…";
            }
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String reason(Throwable error, URI url) {
        if (error instanceof InterruptedIOException) {
            return "timed out after " + timeout.toMillis() + " ms";
        }
        if (inChain(error, ConnectException.class, "refused")) {
            return "connection refused";
        }
        if (error instanceof UnknownHostException) {
            return "unknown host " + url.getHost();
        }
        if (error instanceof SSLException) {
            return "TLS failed: " + message(error);
        }
        if (error instanceof ProtocolException) {
            return "not an HTTP answer: " + message(error);
        }
        if (inChain(error, EOFException.class, "")) {
            return "connection closed without an answer";
        }
        if (error instanceof ConnectException) {
            return "cannot connect: " + message(error);
        }
        return "no HTTP answer: " + error.getClass().getSimpleName() + ": " + message(error);
    }

    private static boolean inChain(Throwable error, Class<? extends Throwable> type, String messagePart) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t) && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains(messagePart)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable error) {
        return oneLine(String.valueOf(error.getMessage()), NodeProbe.MAX_BODY_START);
    }

    /** Replaces control characters and runs of white space by one space, and cuts at {@code max}. */
    static String oneLine(String text, int max) {
        String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (flat.length() <= max) {
            return flat;
        }
        int end = Character.isHighSurrogate(flat.charAt(max - 1)) ? max - 1 : max;
        return flat.substring(0, end) + "…";
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
