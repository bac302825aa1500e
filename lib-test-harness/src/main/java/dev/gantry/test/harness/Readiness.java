package dev.gantry.test.harness;

import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * What a {@link RealProcess} has to show before a test may use it: a named probe, polled until it
 * passes or a deadline passes.
 *
 * <p>Every built-in probe bounds its own I/O: connects time out after 1 s, HTTP requests after
 * 2 s, probe commands after 5 s. The deadline for the whole wait is given to
 * {@link RealProcess.Builder#readiness(Readiness, Duration)} or {@link RealProcess#await}.
 *
 * <pre>{@code
 * Readiness.httpOk(URI.create("http://127.0.0.1:" + clientPort + "/health"));
 * Readiness.httpOk(URI.create("https://127.0.0.1:" + clientPort + "/health"), sslContext);
 * Readiness.tcpPort(LoopbackPorts.HOST, rpcPort);
 * Readiness.logLine(Pattern.compile("Server listening on"));
 * Readiness.command("litecoin-cli", "-regtest", "-rpcport=" + rpcPort, "getblockcount");
 * Readiness.of("the pid file exists", process -> Files.exists(process.workDir().resolve("sshd.pid")));
 * }</pre>
 *
 * <p>Immutable and thread-safe when its probe is.
 */
public final class Readiness {

    /** One check of a process's readiness. */
    @FunctionalInterface
    public interface Probe {

        /**
         * Checks once, without waiting, whether the process is ready.
         *
         * @param process the process being awaited
         * @return {@code true} when ready, {@code false} when not yet
         * @throws Exception when not yet ready; its message is reported if the deadline passes
         */
        boolean isReady(RealProcess process) throws Exception;
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final int BODY_CHARS_IN_FAILURES = 200;

    private final String description;
    private final Probe probe;

    private Readiness(String description, Probe probe) {
        this.description = Objects.requireNonNull(description, "description");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /**
     * A readiness with a custom probe.
     *
     * @param description what is awaited, as it should read in a timeout message
     * @param probe the check, polled until it returns {@code true}
     * @return the readiness
     */
    public static Readiness of(String description, Probe probe) {
        return new Readiness(description, probe);
    }

    /**
     * Ready when {@code GET uri} answers with a 2xx status (HTTP/1.1, redirects not followed).
     *
     * @param uri the address to request, such as {@code http://127.0.0.1:2379/health}
     * @return the readiness
     */
    public static Readiness httpOk(URI uri) {
        Objects.requireNonNull(uri, "uri");
        return httpOk(uri, HttpClient.newBuilder());
    }

    /**
     * Ready when {@code GET uri} answers with a 2xx status over TLS with the given context, which
     * decides the trusted CAs and the client certificate shown (mutual TLS); the server's
     * certificate must name the host of {@code uri}.
     *
     * @param uri the https address to request, such as {@code https://127.0.0.1:2379/health}
     * @param tls the TLS context
     * @return the readiness
     */
    public static Readiness httpOk(URI uri, SSLContext tls) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(tls, "tls");
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("a TLS readiness needs an https URI, got " + uri);
        }
        return httpOk(uri, HttpClient.newBuilder().sslContext(tls));
    }

    private static Readiness httpOk(URI uri, HttpClient.Builder builder) {
        HttpClient client = builder
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        return of("HTTP 2xx from GET " + uri, process -> {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            throw new IllegalStateException("HTTP " + response.statusCode() + " " + abbreviate(response.body()));
        });
    }

    /**
     * Ready when a TCP connection to {@code host:port} succeeds.
     *
     * @param host the host name or address, usually {@link LoopbackPorts#HOST}
     * @param port the port
     * @return the readiness
     */
    public static Readiness tcpPort(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        return of("a TCP connection to " + host + ":" + port, process -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
                return true;
            }
        });
    }

    /**
     * Ready when a line of the process's log (stdout and stderr) contains a match of {@code pattern}.
     *
     * @param pattern searched with {@link java.util.regex.Matcher#find()} in each line
     * @return the readiness
     */
    public static Readiness logLine(Pattern pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return of("a log line matching /" + pattern + "/",
                process -> process.log().lines().anyMatch(line -> pattern.matcher(line).find()));
    }

    /**
     * Ready when a command exits with status 0; it runs in the process's working directory.
     *
     * @param argv the program and its arguments
     * @return the readiness
     */
    public static Readiness command(String... argv) {
        return command(List.of(argv));
    }

    /**
     * Ready when a command exits with status 0; it runs in the process's working directory.
     *
     * @param argv the program and its arguments, not empty
     * @return the readiness
     */
    public static Readiness command(List<String> argv) {
        List<String> command = List.copyOf(argv);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        return of("command `" + String.join(" ", command) + "` exiting 0", process -> {
            Process probe = new ProcessBuilder(command)
                    .directory(process.workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD)
                    .start();
            if (!probe.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                probe.destroyForcibly();
                throw new IllegalStateException("command still running after " + COMMAND_TIMEOUT.toSeconds() + "s");
            }
            if (probe.exitValue() == 0) {
                return true;
            }
            throw new IllegalStateException("command exited " + probe.exitValue());
        });
    }

    /**
     * What is awaited, as it reads in a timeout message.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    boolean isReady(RealProcess process) throws Exception {
        return probe.isReady(process);
    }

    @Override
    public String toString() {
        return description;
    }

    private static String abbreviate(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= BODY_CHARS_IN_FAILURES
                ? oneLine
                : oneLine.substring(0, BODY_CHARS_IN_FAILURES) + "…";
    }
}
