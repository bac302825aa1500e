package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each readiness against loopback fakes, awaited for a {@code sleep} process. */
class ReadinessTest {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofMillis(500);

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void httpOkPassesWhenTheEndpointAnswers2xx() throws IOException {
        URI health = serve(204, "");

        RealProcess sleeper = processes.start(sleeper("http-ok").readiness(Readiness.httpOk(health), DEADLINE));

        assertThat(sleeper.isAlive()).isTrue();
    }

    @Test
    void httpOkReportsTheLastStatusAndBody() throws IOException {
        URI health = serve(503, "{\"health\":\"false\"}");

        // Longer than SHORT: the JDK HttpClient's first request in a JVM can take most of a second.
        Duration deadline = Duration.ofSeconds(3);
        assertThatThrownBy(() -> processes.start(sleeper("http-503").readiness(Readiness.httpOk(health), deadline)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("awaited HTTP 2xx from GET " + health)
                .hasMessageContaining("last probe failure: IllegalStateException: HTTP 503 {\"health\":\"false\"}");
    }

    @Test
    void tcpPortPassesWhenSomethingListens() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST))) {
            RealProcess sleeper = processes.start(sleeper("tcp-ok")
                    .readiness(Readiness.tcpPort(LoopbackPorts.HOST, listener.getLocalPort()), DEADLINE));

            assertThat(sleeper.isAlive()).isTrue();
        }
    }

    @Test
    void tcpPortReportsTheRefusedConnection() {
        int closedPort = LoopbackPorts.allocate();

        assertThatThrownBy(() -> processes.start(sleeper("tcp-refused")
                        .readiness(Readiness.tcpPort(LoopbackPorts.HOST, closedPort), SHORT)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("awaited a TCP connection to 127.0.0.1:" + closedPort)
                .hasMessageContaining("last probe failure: ConnectException");
    }

    @Test
    void commandPassesWhenItExitsZeroInTheWorkDirectoryOfTheProcess() {
        RealProcess process = processes.start(RealProcess.builder("flagger")
                .command("/bin/sh", "-c", "touch flag; exec sleep 60")
                .readiness(Readiness.command("test", "-f", "flag"), DEADLINE));

        assertThat(process.workDir().resolve("flag")).exists();
    }

    @Test
    void commandReportsTheExitCodeOfTheLastTry() {
        assertThatThrownBy(() -> processes.start(sleeper("cmd-fails")
                        .readiness(Readiness.command("/bin/sh", "-c", "exit 4"), SHORT)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("awaited command `/bin/sh -c exit 4` exiting 0")
                .hasMessageContaining("last probe failure: IllegalStateException: command exited 4");
    }

    @Test
    void customProbeReportsItsDescriptionAndLastException() {
        Readiness moon = Readiness.of("the moon to rise", process -> {
            throw new IllegalStateException("cloudy over " + process.name());
        });

        assertThatThrownBy(() -> processes.start(sleeper("astronomer").readiness(moon, SHORT)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("awaited the moon to rise")
                .hasMessageContaining("last probe failure: IllegalStateException: cloudy over astronomer");
    }

    @Test
    void aTlsHttpReadinessRefusesAPlainHttpAddress() throws Exception {
        URI plain = URI.create("http://127.0.0.1:2379/health");

        assertThatThrownBy(() -> Readiness.httpOk(plain, SSLContext.getDefault()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an https URI, got " + plain);
    }

    @Test
    void aTlsHttpReadinessDescribesTheHttpsAddress() throws Exception {
        URI tls = URI.create("https://127.0.0.1:2379/health");

        assertThat(Readiness.httpOk(tls, SSLContext.getDefault())).hasToString("HTTP 2xx from GET " + tls);
    }

    @Test
    void describesItselfByWhatItAwaits() {
        assertThat(Readiness.tcpPort("127.0.0.1", 2379)).hasToString("a TCP connection to 127.0.0.1:2379");
    }

    private static RealProcess.Builder sleeper(String name) {
        return RealProcess.builder(name).command("/bin/sh", "-c", "exec sleep 60");
    }

    private URI serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LoopbackPorts.HOST), 0), 0);
        server.createContext("/health", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return URI.create("http://" + LoopbackPorts.HOST + ":" + server.getAddress().getPort() + "/health");
    }
}
