package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The harness against a real single-member etcd 3.4 (Debian package {@code etcd-server}); flags
 * and answers as recorded in {@code shared/research/real-components.md}, section 2.
 */
class EtcdHarnessIT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static Path etcd;
    private static EtcdMember shared;

    /** One running member and the address its clients use. */
    private record EtcdMember(RealProcess process, int clientPort) {

        URI uri(String path) {
            return URI.create("http://" + LoopbackPorts.HOST + ":" + clientPort + path);
        }
    }

    @BeforeAll
    static void startSharedMember() {
        etcd = Programs.require("etcd", "etcd-server");
        shared = startMember("shared");
    }

    @Test
    void singleMemberReportsHealthyOverHttp() throws Exception {
        HttpResponse<String> response = get(shared.uri("/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("health").asString()).isEqualTo("true");
    }

    @Test
    void singleMemberReportsAVersion3Server() throws Exception {
        HttpResponse<String> response = get(shared.uri("/version"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode version = JSON.readTree(response.body());
        assertThat(version.path("etcdserver").asString()).startsWith("3.");
    }

    @Test
    void stoppedMemberRefusesConnectionsAndItsProcessIsGone() {
        EtcdMember member = startMember("stopped");
        ProcessHandle handle = ProcessHandle.of(member.process().pid()).orElseThrow();

        member.process().stop();

        assertThat(member.process().isAlive()).isFalse();
        assertThat(member.process().exitCode()).isPresent();
        assertThat(handle.isAlive()).isFalse();
        assertThatThrownBy(() -> connect(member.clientPort())).isInstanceOf(ConnectException.class);
    }

    @Test
    void killedMemberDiesAtOnceWithSigkill() {
        EtcdMember member = startMember("killed");

        member.process().kill();

        assertThat(member.process().exitCode()).hasValue(128 + 9);
        assertThatThrownBy(() -> connect(member.clientPort())).isInstanceOf(ConnectException.class);
    }

    @Test
    void memberLogsItsStartupToItsOwnLogFile() {
        assertThat(shared.process().logFile())
                .hasParent(ItDirectories.logs().resolve("EtcdHarnessIT"))
                .content().contains("ready to serve client requests");
    }

    private static EtcdMember startMember(String name) {
        List<Integer> ports = LoopbackPorts.allocate(2);
        String client = "http://" + LoopbackPorts.HOST + ":" + ports.get(0);
        String peer = "http://" + LoopbackPorts.HOST + ":" + ports.get(1);
        RealProcess process = processes.start(RealProcess.builder("etcd-" + name)
                .commandInWorkDir(dir -> List.of(etcd.toString(),
                        "--name", name,
                        "--data-dir", dir.resolve("data").toString(),
                        "--listen-client-urls", client,
                        "--advertise-client-urls", client,
                        "--listen-peer-urls", peer,
                        "--initial-advertise-peer-urls", peer,
                        "--initial-cluster", name + "=" + peer,
                        "--initial-cluster-state", "new"))
                .readiness(Readiness.httpOk(URI.create(client + "/health")), STARTUP));
        return new EtcdMember(process, ports.get(0));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 2_000);
        }
    }
}
