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
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EtcdCluster} injected by {@link RealPrograms} against real etcd 3.4 (Debian package
 * {@code etcd-server}); flags and answers as recorded in {@code shared/research/real-components.md},
 * section 2. The shared single member comes through a {@code @BeforeAll} parameter, the others
 * through test parameters.
 */
@RealPrograms
class EtcdHarnessIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static EtcdCluster shared;

    @BeforeAll
    static void startSharedMember(@EtcdMembers(1) EtcdCluster etcd) {
        shared = etcd;
    }

    @Test
    void singleMemberReportsHealthyOverHttp() throws Exception {
        HttpResponse<String> response = get(shared.clientUrl(0).resolve("/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("health").asString()).isEqualTo("true");
    }

    @Test
    void singleMemberReportsAVersion3Server() throws Exception {
        HttpResponse<String> response = get(shared.clientUrl(0).resolve("/version"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode version = JSON.readTree(response.body());
        assertThat(version.path("etcdserver").asString()).startsWith("3.");
    }

    @Test
    void aDefaultClusterHasThreeHealthyMembersThatKnowEachOther(EtcdCluster etcd) throws Exception {
        assertThat(etcd.size()).isEqualTo(3);
        for (URI client : etcd.clientUrls()) {
            assertThat(get(client.resolve("/health")).statusCode()).as("GET %s/health", client).isEqualTo(200);
        }
        JsonNode members = JSON.readTree(post(etcd.clientUrl(1).resolve("/v3/cluster/member/list"), "{}").body())
                .path("members");

        assertThat(members).extracting(member -> member.path("name").asString())
                .containsExactlyInAnyOrder("e1", "e2", "e3");
        assertThat(IntStream.range(0, 3).mapToObj(etcd::peerUrl).map(URI::toString).toList())
                .containsExactlyInAnyOrderElementsOf(peerUrlsOf(members));
    }

    @Test
    void everyMemberHasItsOwnDataDirectoryInsideItsWorkingDirectory(@EtcdMembers(2) EtcdCluster etcd) {
        Path first = etcd.dataDir(0);
        Path second = etcd.dataDir(1);

        assertThat(first).isDirectory().startsWith(etcd.member(0).workDir());
        assertThat(second).isDirectory().startsWith(etcd.member(1).workDir());
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void stoppedMemberRefusesConnectionsAndItsProcessIsGone(@EtcdMembers(1) EtcdCluster etcd) {
        RealProcess member = etcd.member(0);
        ProcessHandle handle = ProcessHandle.of(member.pid()).orElseThrow();

        member.stop();

        assertThat(member.isAlive()).isFalse();
        assertThat(member.exitCode()).isPresent();
        assertThat(handle.isAlive()).isFalse();
        assertThatThrownBy(() -> connect(etcd.clientUrl(0))).isInstanceOf(ConnectException.class);
    }

    @Test
    void killedMemberDiesAtOnceWithSigkill(@EtcdMembers(1) EtcdCluster etcd) {
        etcd.member(0).kill();

        assertThat(etcd.member(0).exitCode()).hasValue(128 + 9);
        assertThatThrownBy(() -> connect(etcd.clientUrl(0))).isInstanceOf(ConnectException.class);
    }

    @Test
    void memberLogsItsStartupToItsOwnLogFile() {
        assertThat(shared.member(0).logFile())
                .hasParent(ItDirectories.logs().resolve("EtcdHarnessIT"))
                .content().contains("ready to serve client requests");
    }

    private static List<String> peerUrlsOf(JsonNode members) {
        return members.valueStream().flatMap(member -> member.path("peerURLs").valueStream())
                .map(JsonNode::asString).toList();
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void connect(URI uri) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
        }
    }
}
