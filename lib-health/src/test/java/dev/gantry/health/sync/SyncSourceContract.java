package dev.gantry.health.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.gantry.core.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
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

    /**
     * Makes one request before the tests: the first call in a JVM loads OkHttp and WireMock's
     * request handling, which on a busy machine takes longer than the 800 ms deadline below and
     * made whichever test ran first fail with a timeout.
     */
    @BeforeAll
    static void warmUp() {
        node.stubFor(any(anyUrl()).willReturn(ok()));
        HttpJson http = new HttpJson("warm-up", Endpoint.of(node.baseUrl()).withTimeout(Duration.ofSeconds(30)));
        http.get("/");
        http.post("/", "{}");
        node.resetAll();
    }

    /** Builds the source under test for an endpoint. */
    abstract SyncSource source(Endpoint endpoint);

    /** A request pattern that matches every request the source makes. */
    abstract MappingBuilder everyCall();

    Endpoint endpoint() {
        return Endpoint.of(node.baseUrl()).withBasicAuth("rpc", Secret.of(PASSWORD))
                .withTimeout(Duration.ofMillis(800));
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

        SyncSourceException error = readFails(source(Endpoint.of("http://127.0.0.1:" + closed)));

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

        assertThat(error).hasMessageContaining("larger than " + Endpoint.DEFAULT_MAX_BODY_BYTES + " bytes");
    }

    @Test
    void anAnswerSlowerThanTheTimeoutFailsAtTheDeadline() {
        SyncSourceException error = failureWhenEveryCallAnswers(aResponse().withStatus(200)
                .withFixedDelay(5_000).withBody("{}"));

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
