package dev.gantry.health.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.gantry.core.Secret;
import dev.gantry.health.HttpEndpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failures every sync source must report the same way: each adapter's test extends this
 * and says how to build the source and which requests it makes. A source must never return a
 * status from an answer it does not understand.
 */
abstract class SyncSourceContract {

    static final String PASSWORD = "hunter2-do-not-print";

    @RegisterExtension
    static WireMockExtension node = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /** Builds the source under test for an endpoint. */
    abstract SyncSource source(HttpEndpoint endpoint);

    /** A request pattern that matches every request the source makes. */
    abstract MappingBuilder everyCall();

    /**
     * The fake node's endpoint. Its timeout is generous because the first call of a test class
     * loads OkHttp and warms WireMock up, which can take over a second on a busy machine; the
     * timeout test sets its own short one.
     */
    HttpEndpoint endpoint() {
        return HttpEndpoint.of(node.baseUrl()).withBasicAuth("rpc", Secret.of(PASSWORD))
                .withTimeout(Duration.ofSeconds(10));
    }

    SyncSourceException failureWhenEveryCallAnswers(ResponseDefinitionBuilder answer) {
        node.stubFor(everyCall().willReturn(answer));
        return readFails(source(endpoint()));
    }

    static SyncSourceException readFails(SyncSource source) {
        SyncSourceException error = catchThrowableOfType(SyncSourceException.class, source::read);
        assertThat(error).as("read() should have failed").isNotNull();
        assertThat(error.source()).isEqualTo(source.name());
        assertThat(error.getMessage()).startsWith(source.name()).doesNotContain(PASSWORD);
        return error;
    }

    @Test
    void anUnreachableNodeFailsWithTheSourceName() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        SyncSourceException error = readFails(source(HttpEndpoint.of("http://127.0.0.1:" + closed)));

        assertThat(error).hasMessageContaining("cannot reach the node");
    }

    @Test
    void rejectedCredentialsSayWhatToCheckWithoutPrintingThem() {
        SyncSourceException error = failureWhenEveryCallAnswers(aResponse().withStatus(401));

        assertThat(error).hasMessageContaining("HTTP 401").hasMessageContaining("credentials");
    }

    @Test
    void aServerErrorWithAnHtmlPageFails() {
        SyncSourceException error = failureWhenEveryCallAnswers(aResponse().withStatus(500)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Internal Server Error</body></html>"));

        assertThat(error).hasMessageContaining("500");
    }

    @Test
    void htmlInsteadOfJsonFailsAndQuotesTheStartOfTheAnswer() {
        SyncSourceException error = failureWhenEveryCallAnswers(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<!DOCTYPE html><title>Welcome to nginx!</title>"));

        assertThat(error).hasMessageContaining("expected a JSON answer").hasMessageContaining("Welcome to nginx");
    }

    @Test
    void anEmptyAnswerFails() {
        SyncSourceException error = failureWhenEveryCallAnswers(aResponse().withStatus(200).withBody(""));

        assertThat(error.getMessage()).isNotBlank();
    }

    @Test
    void aTruncatedAnswerFails() {
        failureWhenEveryCallAnswers(aResponse().withStatus(200).withBody("{\"result\":{\"blocks\":12")
                .withHeader("Content-Type", "application/json"));
        failureWhenEveryCallAnswers(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    }

    @Test
    void aTenMegabyteAnswerIsCutOffAtTheLimit() {
        String huge = "{\"result\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";

        SyncSourceException error = failureWhenEveryCallAnswers(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(huge));

        assertThat(error).hasMessageContaining("larger than " + HttpEndpoint.DEFAULT_MAX_BODY_BYTES + " bytes");
    }

    @Test
    void anAnswerSlowerThanTheTimeoutFailsAtTheDeadline() {
        node.stubFor(everyCall().willReturn(aResponse().withStatus(200).withFixedDelay(5_000).withBody("{}")));

        SyncSourceException error = readFails(source(endpoint().withTimeout(Duration.ofMillis(800))));

        assertThat(error).hasMessageContaining("no answer within 800 ms");
    }

    @Test
    void jsonOfAnotherShapeFailsInsteadOfReadingZeros() {
        SyncSourceException error = failureWhenEveryCallAnswers(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"unexpected\":true}"));

        assertThat(error.getMessage()).isNotBlank();
    }

    @Test
    void theNameSaysTheFamilyAndUrlButNotTheCredentials() {
        SyncSource source = source(endpoint());

        assertThat(source.name()).contains(node.baseUrl()).doesNotContain(PASSWORD);
    }
}
