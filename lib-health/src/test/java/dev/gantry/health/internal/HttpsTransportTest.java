package dev.gantry.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.gantry.core.Secret;
import dev.gantry.health.TlsSettings;
import dev.gantry.health.HttpEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * https node endpoints with a private CA and client certificates (issue 13 §2), against the JDK's
 * https server on loopback; certificates made in memory with okhttp-tls's {@link HeldCertificate}.
 */
class HttpsTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String ANSWER = "{\"health\":\"true\"}";

    private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("gantry-test-ca").build();
    private final HeldCertificate server = new HeldCertificate.Builder().commonName("node-1")
            .addSubjectAlternativeName("127.0.0.1").signedBy(ca).build();
    private final HeldCertificate client = new HeldCertificate.Builder().rsa2048().commonName("gantry-client")
            .signedBy(ca).build();
    private HttpsServer https;

    @AfterEach
    void stop() {
        if (https != null) {
            https.stop(0);
        }
    }

    @Test
    void anHttpsNodeSignedByThePrivateCaIsRead() throws IOException {
        HttpEndpoint endpoint = endpoint(false).withTls(TlsSettings.ofDefaults().withCaBundlePem(ca.certificatePem()));

        assertThat(HttpTransport.pooled(endpoint).get("/health").body()).isEqualTo(ANSWER);
    }

    @Test
    void aNodeThatRequiresAClientCertificateAcceptsOursInPkcs1AndPkcs8() throws IOException {
        for (String key : new String[] {client.privateKeyPkcs1Pem(), client.privateKeyPkcs8Pem()}) {
            HttpEndpoint endpoint = endpoint(true).withTls(TlsSettings.ofDefaults()
                    .withCaBundlePem(ca.certificatePem())
                    .withClientCertificatePem(client.certificatePem(), Secret.of(key)));

            assertThat(HttpTransport.unpooled(endpoint).get("/health").body()).isEqualTo(ANSWER);
            stop();
        }
    }

    @Test
    void aNodeThatRequiresAClientCertificateRefusesACallWithoutOne() throws IOException {
        HttpEndpoint endpoint = endpoint(true).withTls(TlsSettings.ofDefaults().withCaBundlePem(ca.certificatePem()));

        assertThatThrownBy(() -> HttpTransport.unpooled(endpoint).get("/health")).isInstanceOf(IOException.class);
    }

    @Test
    void aServerCertificateFromAnotherCaFailsNamingTheCertificateAndTheBundle() throws IOException {
        HeldCertificate other = new HeldCertificate.Builder().certificateAuthority(0).commonName("other-ca").build();
        HttpEndpoint endpoint = endpoint(false).withTls(TlsSettings.ofDefaults().withCaBundlePem(other.certificatePem()));

        assertThatThrownBy(() -> HttpTransport.pooled(endpoint).get("/health"))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("the server's certificate CN=node-1 issued by CN=gantry-test-ca")
                .hasMessageContaining("is not trusted by the CA bundle (CN=other-ca)")
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void aCertificateForAnotherHostFailsUnlessHostnameVerificationIsOff() throws IOException {
        HeldCertificate elsewhere = new HeldCertificate.Builder().commonName("node-2")
                .addSubjectAlternativeName("node-2.example.com").signedBy(ca).build();
        start(elsewhere, false);
        TlsSettings tls = TlsSettings.ofDefaults().withCaBundlePem(ca.certificatePem());
        HttpEndpoint endpoint = HttpEndpoint.of("https://127.0.0.1:" + https.getAddress().getPort()).withTimeout(TIMEOUT);

        assertThatThrownBy(() -> HttpTransport.pooled(endpoint.withTls(tls)).get("/health"))
                .isInstanceOf(SSLPeerUnverifiedException.class).hasMessageContaining("127.0.0.1");
        assertThat(HttpTransport.pooled(endpoint.withTls(tls.withoutHostnameVerification())).get("/health").body())
                .isEqualTo(ANSWER);
    }

    @Test
    void theKeyNeverPrints() {
        String key = client.privateKeyPkcs8Pem();
        TlsSettings tls = TlsSettings.ofDefaults().withCaBundlePem(ca.certificatePem())
                .withClientCertificatePem(client.certificatePem(), Secret.of(key));
        HttpEndpoint endpoint = HttpEndpoint.of("https://127.0.0.1:1").withTls(tls);
        String body = key.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        assertThat(tls.toString()).contains("CN=gantry-test-ca", "CN=gantry-client", "key=****").doesNotContain(body);
        assertThat(endpoint.toString()).contains("key=****").doesNotContain(body);
    }

    private HttpEndpoint endpoint(boolean needClientAuth) throws IOException {
        start(server, needClientAuth);
        return HttpEndpoint.of("https://127.0.0.1:" + https.getAddress().getPort()).withTimeout(TIMEOUT);
    }

    private void start(HeldCertificate certificate, boolean needClientAuth) throws IOException {
        SSLContext context = new HandshakeCertificates.Builder().heldCertificate(certificate)
                .addTrustedCertificate(ca.certificate()).build().sslContext();
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(parameters);
            }
        });
        https.createContext("/health", exchange -> {
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
    }
}
