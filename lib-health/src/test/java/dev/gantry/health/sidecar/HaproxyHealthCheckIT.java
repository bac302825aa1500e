package dev.gantry.health.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.test.harness.HaproxyServer;
import dev.gantry.test.harness.LitecoinRegtest;
import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.RealProcesses;
import dev.gantry.test.harness.RealPrograms;
import dev.gantry.test.harness.RequiresProgram;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real HAProxy 2.6 in front of two backends, each gated by a sidecar over a real litecoind
 * regtest node ({@code option httpchk GET /healthcheck} on the sidecar's port): HAProxy takes
 * the backend whose node is syncing out of rotation and puts it back once the node caught up.
 * Flags and the stats CSV as recorded in {@code shared/research/real-components.md}, section 3.
 * The sidecars run in this JVM through {@link Sidecar#start(SidecarOptions)}, the code path of
 * {@code main}; {@link SidecarLitecoinIT} runs one as a child process. The nodes and HAProxy come
 * from {@link RealPrograms}.
 */
@RealPrograms
class HaproxyHealthCheckIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeSidecarsAndBackends() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    @Test
    @RequiresProgram(value = "haproxy", debianPackage = "haproxy")
    void routesOnlyToTheSyncedNodeUntilTheSyncingOneCatchesUp(RealProcesses processes, LitecoinRegtest a,
            LitecoinRegtest b) {
        a.generate(25);
        Sidecar sidecarA = sidecar(a, Optional.empty());
        Sidecar sidecarB = sidecar(b, Optional.of(a));
        // Both sidecars have judged their node before HAProxy starts checking them.
        await("sidecar A ready").atMost(DEADLINE).pollInterval(POLL).ignoreExceptions()
                .until(() -> HealthAnswer.get(sidecarA.uri().resolve("/healthcheck")).status(), status -> status == 200);
        await("sidecar B syncing").atMost(DEADLINE).pollInterval(POLL).ignoreExceptions()
                .until(() -> HealthAnswer.get(sidecarB.uri().resolve("/healthcheck")).reason(),
                        reason -> reason.equals("SYNC-SYNCING"));
        int appA = backend("node-a");
        int appB = backend("node-b");
        int frontend = LoopbackPorts.allocate();
        HaproxyServer haproxy = HaproxyServer.start(processes, String.join("\n",
                "defaults",
                "    mode http",
                // Generous: on a loaded machine a slow answer must not take the synced node out of rotation.
                "    timeout connect 5s",
                "    timeout client 30s",
                "    timeout server 30s",
                "    timeout check 10s",
                "frontend fe_main",
                "    bind " + LoopbackPorts.HOST + ":" + frontend,
                "    default_backend be_nodes",
                "backend be_nodes",
                "    balance roundrobin",
                "    option httpchk GET /healthcheck",
                "    http-check expect status 200",
                "    default-server inter 500ms fall 2 rise 2",
                "    server s1 " + LoopbackPorts.HOST + ":" + appA + " check port " + sidecarA.uri().getPort(),
                "    server s2 " + LoopbackPorts.HOST + ":" + appB + " check port " + sidecarB.uri().getPort()));
        URI front = URI.create("http://" + LoopbackPorts.HOST + ":" + frontend + "/");

        await("HAProxy marks s2 (node B, syncing) DOWN and s1 (node A) UP").atMost(DEADLINE).pollInterval(POLL)
                .until(() -> haproxy.serverStatus("be_nodes"), status -> status.equals(Map.of("s1", "UP", "s2", "DOWN")));
        assertThat(b.blockCount()).isZero();
        assertThat(served(front, 10)).containsOnly("node-a").hasSize(10);

        b.addNode(a);
        await("HAProxy marks s2 UP once node B caught up").atMost(DEADLINE).pollInterval(POLL)
                .until(() -> haproxy.serverStatus("be_nodes"), status -> status.equals(Map.of("s1", "UP", "s2", "UP")));
        assertThat(b.blockCount()).isEqualTo(25);
        assertThat(served(front, 10)).contains("node-a", "node-b");
        assertThat(haproxy.process().log())
                .contains("Server be_nodes/s2 is DOWN, reason: Layer7 wrong status, code: 503")
                .contains("Server be_nodes/s2 is UP, reason: Layer7 check passed, code: 200")
                .as("the synced node is never taken out of rotation").doesNotContain("be_nodes/s1 is DOWN");
    }

    private Sidecar sidecar(LitecoinRegtest node, Optional<LitecoinRegtest> reference) {
        List<String> arguments = new ArrayList<>(List.of("--source", "bitcoin", "--url", node.rpcUrl(),
                "--rpc-user", LitecoinRegtest.RPC_USER, "--rpc-password-env", "NODE_PASSWORD",
                "--listen", LoopbackPorts.HOST + ":0", "--interval", "500ms", "--max-lag", "2", "--min-peers", "0"));
        reference.ifPresent(ref -> arguments.addAll(List.of("--reference", ref.rpcUrl(),
                "--reference-rpc-user", LitecoinRegtest.RPC_USER, "--reference-rpc-password-env", "REF_PASSWORD")));
        Map<String, String> environment = reference.isPresent()
                ? Map.of("NODE_PASSWORD", node.password().reveal(), "REF_PASSWORD", reference.get().password().reveal())
                : Map.of("NODE_PASSWORD", node.password().reveal());
        Sidecar sidecar = Sidecar.start(SidecarOptions.parse(arguments, environment));
        closeables.add(sidecar);
        return sidecar;
    }

    /** Starts an application backend that answers every request with its name. */
    private int backend(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(LoopbackPorts.HOST, 0), 16);
            server.createContext("/", exchange -> {
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            closeables.add(() -> server.stop(0));
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the names of the backends that answered {@code count} requests through HAProxy */
    private static List<String> served(URI front, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(front).timeout(Duration.ofSeconds(5)).GET().build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("request %d through HAProxy", i).isEqualTo(200);
                names.add(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return names;
    }
}
