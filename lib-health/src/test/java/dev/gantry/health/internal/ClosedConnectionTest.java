package dev.gantry.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.health.HttpEndpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A connection the server closed never fails a call: issue 13 §1. Each test waits until the
 * server has closed the pooled connection before the next call, so the stale connection is there
 * every time and the test fails without the fix.
 */
class ClosedConnectionTest {

    private static final String ANSWER = "{\"result\":1,\"error\":null,\"id\":1}";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Long enough that a fresh connection is never idle that long before its request on a busy machine. */
    private static final Duration IDLE = Duration.ofSeconds(1);

    @Test
    void anHttp10ServerThatClosesAfterEachAnswerIsPostedToTenTimesInARow() throws IOException {
        try (RawHttpServer server = RawHttpServer.closingAfterEachAnswer(request -> ANSWER)) {
            HttpTransport transport = HttpTransport.pooled(HttpEndpoint.of(server.url()).withTimeout(TIMEOUT));

            for (int i = 1; i <= 10; i++) {
                assertThat(transport.post("/", "{\"method\":\"getblockcount\"}").body()).isEqualTo(ANSWER);
                server.awaitClosedByServer(i);
            }

            assertThat(server.requests()).isEqualTo(10);
        }
    }

    @Test
    void anHttp10ServerThatClosesAfterEachAnswerIsReadWithGetTenTimesInARow() throws IOException {
        try (RawHttpServer server = RawHttpServer.closingAfterEachAnswer(request -> ANSWER)) {
            HttpTransport transport = HttpTransport.pooled(HttpEndpoint.of(server.url()).withTimeout(TIMEOUT));

            for (int i = 1; i <= 10; i++) {
                assertThat(transport.get("/status").status()).isEqualTo(200);
                server.awaitClosedByServer(i);
            }
        }
    }

    @Test
    void aKeepAliveServerThatClosedAnIdleConnectionIsCalledAgainAtOnce() throws IOException {
        try (RawHttpServer server = RawHttpServer.keepAliveWithIdleTimeout(IDLE, request -> ANSWER)) {
            HttpTransport transport = HttpTransport.pooled(HttpEndpoint.of(server.url()).withTimeout(TIMEOUT));

            for (int i = 1; i <= 3; i++) {
                assertThat(transport.post("/", "{}").status()).isEqualTo(200);
                server.awaitClosedByServer(i);
            }
        }
    }

    @Test
    void anUnpooledTransportReadsAnHttp10ServerToo() throws IOException {
        try (RawHttpServer server = RawHttpServer.closingAfterEachAnswer(request -> ANSWER)) {
            HttpTransport transport = HttpTransport.unpooled(HttpEndpoint.of(server.url()).withTimeout(TIMEOUT));

            for (int i = 1; i <= 3; i++) {
                assertThat(transport.post("/v3/maintenance/status", "{}").status()).isEqualTo(200);
                server.awaitClosedByServer(i);
            }
        }
    }

    @Test
    void aServerThatClosesEveryConnectionWithoutAnsweringStillFails() throws IOException {
        try (RawHttpServer server = RawHttpServer.closingWithoutAnswer()) {
            HttpTransport transport = HttpTransport.pooled(HttpEndpoint.of(server.url()).withTimeout(TIMEOUT));

            assertThatThrownBy(() -> transport.post("/", "{}")).isInstanceOf(IOException.class)
                    .isNotInstanceOf(InterruptedIOException.class);
            assertThat(server.requests()).as("a fresh connection that fails is not retried").isEqualTo(1);
        }
    }

    @Test
    void aNodeThatAcceptsButNeverAnswersStillTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HttpTransport transport = HttpTransport.pooled(
                    HttpEndpoint.of("http://127.0.0.1:" + silent.getLocalPort()).withTimeout(Duration.ofMillis(300)));

            assertThatThrownBy(() -> transport.post("/", "{}")).isInstanceOf(InterruptedIOException.class);
        }
    }

    @Test
    void aNodeThatRefusesConnectionsStillFails() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HttpTransport transport = HttpTransport.pooled(HttpEndpoint.of("http://127.0.0.1:" + closed).withTimeout(TIMEOUT));

        assertThatThrownBy(() -> transport.get("/")).isInstanceOf(ConnectException.class);
    }
}
