package dev.gantry.health.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * A tiny HTTP server on loopback, written on raw sockets so that it can close connections the
 * way real servers do: an HTTP/1.0 server that closes after each answer without a
 * {@code Connection} header (Python's {@code BaseHTTPRequestHandler}: status line
 * {@code HTTP/1.0}, {@code Server} and {@code Date} headers, then close), a keep-alive HTTP/1.1
 * server that closes a connection once it has been idle for a while (nginx
 * {@code keepalive_timeout}, CometBFT's RPC server), and one that closes every connection without
 * answering. Counts requests and the connections it closed, so tests wait for a close instead of
 * waiting a fixed time.
 */
public final class RawHttpServer implements AutoCloseable {

    /** One request as the server read it. */
    public record Request(String method, String path, String body) {
    }

    private enum Mode { CLOSE_AFTER_ANSWER, KEEP_ALIVE, CLOSE_WITHOUT_ANSWER }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Mode mode;
    private final Duration idleTimeout;
    private final Function<Request, String> answers;
    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();

    private RawHttpServer(Mode mode, Duration idleTimeout, Function<Request, String> answers) throws IOException {
        this.mode = mode;
        this.idleTimeout = idleTimeout;
        this.answers = answers;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An HTTP/1.0 server that answers each request with a JSON body and then closes the connection. */
    public static RawHttpServer closingAfterEachAnswer(Function<Request, String> answers) throws IOException {
        return new RawHttpServer(Mode.CLOSE_AFTER_ANSWER, WAIT, answers);
    }

    /** An HTTP/1.1 keep-alive server that closes a connection idle for {@code idleTimeout}. */
    public static RawHttpServer keepAliveWithIdleTimeout(Duration idleTimeout, Function<Request, String> answers)
            throws IOException {
        return new RawHttpServer(Mode.KEEP_ALIVE, idleTimeout, answers);
    }

    /** A server that reads each request and closes the connection without answering. */
    public static RawHttpServer closingWithoutAnswer() throws IOException {
        return new RawHttpServer(Mode.CLOSE_WITHOUT_ANSWER, WAIT, request -> "");
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The number of requests read so far. */
    public int requests() {
        return requests.get();
    }

    /** The number of connections the server closed itself. */
    public int closedByServer() {
        return closedByServer.get();
    }

    /** Waits until the server has closed {@code count} connections itself. */
    public void awaitClosedByServer(int count) {
        Awaitility.await("the server closed " + count + " connections").atMost(WAIT)
                .pollInterval(Duration.ofMillis(10)).until(() -> closedByServer.get() >= count);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> serve(socket), "raw-http-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) idleTimeout.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request;
                try {
                    request = read(in);
                } catch (SocketTimeoutException idle) {
                    closedByServer.incrementAndGet();
                    return;
                }
                if (request == null) {
                    return;
                }
                requests.incrementAndGet();
                if (mode == Mode.CLOSE_WITHOUT_ANSWER) {
                    closedByServer.incrementAndGet();
                    return;
                }
                out.write(answer(answers.apply(request)));
                out.flush();
                if (mode == Mode.CLOSE_AFTER_ANSWER) {
                    closedByServer.incrementAndGet();
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to report.
        }
    }

    private byte[] answer(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = mode == Mode.CLOSE_AFTER_ANSWER
                ? "HTTP/1.0 200 OK\r\nServer: BaseHTTP/0.6 Python/3.11.2\r\nDate: Wed, 02 Dec 2026 12:00:00 GMT\r\n"
                : "HTTP/1.1 200 OK\r\n";
        String headers = head + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(headers.getBytes(StandardCharsets.ISO_8859_1));
        all.writeBytes(bytes);
        return all.toByteArray();
    }

    /** Reads one request; {@code null} when the client closed the connection first. */
    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        int length = 0;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(header.substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        String[] parts = requestLine.split(" ");
        return new Request(parts[0], parts.length > 1 ? parts[1] : "/", new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
