package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EtcdTlsCluster} injected by {@link RealPrograms} against real etcd 3.4 (Debian package
 * {@code etcd-server}) and certificates made by the real openssl; etcd's TLS flags as documented
 * in its security guide ({@code --cert-file}, {@code --key-file}, {@code --trusted-ca-file},
 * {@code --client-cert-auth}). The shared single member comes through a {@code @BeforeAll}
 * parameter; that its keys are deleted afterwards is checked in {@link RealProgramsIT}.
 */
@RealPrograms
class EtcdTlsHarnessIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static EtcdTlsCluster shared;

    @BeforeAll
    static void startSharedMember(@EtcdMembers(1) EtcdTlsCluster etcd) {
        shared = etcd;
    }

    @Test
    void aMemberAnswersHealthyOverHttpsWithTheClientCertificate() throws Exception {
        SSLContext mutual = PemTls.of(shared.caBundle(), shared.clientCertificate(), shared.clientKey());

        HttpResponse<String> response = get(client(mutual), shared.clientUrl(0).resolve("/health"));

        assertThat(shared.clientUrl(0).getScheme()).isEqualTo("https");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("health").asString()).isEqualTo("true");
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        Throwable refused = catchThrowable(() -> get(client(trustingOnly(shared.caBundle())),
                shared.clientUrl(0).resolve("/health")));

        assertThat(refused).as("a TLS client without a certificate").isInstanceOf(IOException.class);
    }

    @Test
    void aPlainHttpClientIsRefused() {
        URI plain = URI.create("http://" + LoopbackPorts.HOST + ":" + shared.clientUrl(0).getPort() + "/health");

        Throwable refused = catchThrowable(() -> get(HttpClient.newHttpClient(), plain));

        assertThat(refused).as("plain HTTP to a TLS-only member").isInstanceOf(IOException.class);
    }

    @Test
    void theCertificatesAreTheClustersOwnAndOnlyTheClientKeyIsKept() throws Exception {
        X509Certificate ca = (X509Certificate) PemTls.certificates(shared.caBundle()).get(0);
        X509Certificate client = (X509Certificate) PemTls.certificates(shared.clientCertificate()).get(0);
        Path pki = shared.caBundle().getParent();

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=gantry-test-etcd-ca");
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=gantry-test-etcd-client");
        assertThat(client.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(Files.readString(shared.clientKey())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(pki).startsWith(ItDirectories.work());
        try (var files = Files.list(pki)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("ca.crt", "client.crt", "client.key", "server-e1.crt", "server-e1.key");
        }
        assertThat(shared.toString()).contains("over mutual TLS").doesNotContain("BEGIN", "key");
    }

    @Test
    void threeMembersFormAClusterOverPeerTls(EtcdTlsCluster etcd) throws Exception {
        HttpClient mutual = client(PemTls.of(etcd.caBundle(), etcd.clientCertificate(), etcd.clientKey()));

        List<String> peers = JSON.readTree(post(mutual, etcd.clientUrl(2).resolve("/v3/cluster/member/list")).body())
                .path("members").valueStream().flatMap(member -> member.path("peerURLs").valueStream())
                .map(url -> url.asString()).toList();

        assertThat(etcd.size()).isEqualTo(3);
        assertThat(peers).containsExactlyInAnyOrder(
                etcd.peerUrl(0).toString(), etcd.peerUrl(1).toString(), etcd.peerUrl(2).toString());
        assertThat(peers).allMatch(url -> url.startsWith("https://"));
        assertThat(etcd.member(0).command()).contains("--client-cert-auth", "--peer-client-cert-auth");
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).sslContext(tls)
                .build();
    }

    private static SSLContext trustingOnly(Path caBundle) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", PemTls.certificates(caBundle).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
