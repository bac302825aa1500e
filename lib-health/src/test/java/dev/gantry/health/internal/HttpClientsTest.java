package dev.gantry.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.health.HttpEndpoint;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    @Test
    void everyEndpointClientSharesTheRootsConnectionPoolAndEveryClientItsDispatcher() {
        OkHttpClient node = HttpClients.forEndpoint(HttpEndpoint.of("http://10.0.0.1:8545"));
        OkHttpClient etcd = HttpClients.forEndpoint(HttpEndpoint.of("http://10.0.0.2:2379")
                .withTimeout(Duration.ofMillis(500)));
        OkHttpClient probe = HttpClients.forProbe(Duration.ofSeconds(1));

        assertThat(node.connectionPool()).isSameAs(HttpClients.root().connectionPool())
                .isSameAs(etcd.connectionPool());
        assertThat(probe.connectionPool()).isNotSameAs(node.connectionPool());
        assertThat(node.dispatcher()).isSameAs(HttpClients.root().dispatcher())
                .isSameAs(etcd.dispatcher()).isSameAs(probe.dispatcher());
    }

    @Test
    void aDerivedClientTakesTheEndpointsTimeoutOnEveryPhase() {
        OkHttpClient client = HttpClients.forEndpoint(HttpEndpoint.of("http://10.0.0.1:8545")
                .withTimeout(Duration.ofMillis(750)));

        assertThat(client.callTimeoutMillis()).isEqualTo(750);
        assertThat(client.connectTimeoutMillis()).isEqualTo(750);
        assertThat(client.readTimeoutMillis()).isEqualTo(750);
        assertThat(client.writeTimeoutMillis()).isEqualTo(750);
        assertThat(client.followRedirects()).isFalse();
        assertThat(HttpClients.root().callTimeoutMillis()).isZero();
    }

    @Test
    void aProbeClientKeepsNoIdleConnection() {
        OkHttpClient probe = HttpClients.forProbe(Duration.ofSeconds(1));

        assertThat(probe.connectionPool().idleConnectionCount()).isZero();
        assertThat(probe.retryOnConnectionFailure()).isFalse();
        assertThat(probe.callTimeoutMillis()).isEqualTo(1000);
    }

    @Test
    void transportsOfManyEndpointsShareOneConnectionPool() {
        HttpTransport a = HttpTransport.pooled(HttpEndpoint.of("http://10.0.0.1:8545"));
        HttpTransport b = HttpTransport.unpooled(HttpEndpoint.of("http://10.0.0.2:2379"));

        assertThat(a.client().connectionPool()).isSameAs(b.client().connectionPool())
                .isSameAs(HttpClients.root().connectionPool());
    }
}
