package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiEndpointTest {

    @ParameterizedTest(name = "{0} -> {1} port {2}")
    @CsvSource({
        "k8s-api.prod.example.com, k8s-api.prod.example.com, 6443, k8s-api.prod.example.com:6443",
        "k8s-api.prod.example.com:443, k8s-api.prod.example.com, 443, k8s-api.prod.example.com:443",
        "10.0.1.10, 10.0.1.10, 6443, 10.0.1.10:6443",
        "10.0.1.10:8443, 10.0.1.10, 8443, 10.0.1.10:8443",
        "[fd00::10]:8443, fd00::10, 8443, [fd00::10]:8443",
        "[fd00::10], fd00::10, 6443, [fd00::10]:6443",
        "API, API, 6443, API:6443"})
    void parsesHostsWithAndWithoutPort(String text, String host, int port, String shown) {
        ApiEndpoint endpoint = ApiEndpoint.parse(text);

        assertThat(endpoint.host()).isEqualTo(host);
        assertThat(endpoint.port()).isEqualTo(port);
        assertThat(endpoint).hasToString(shown);
        assertThat(endpoint.url()).isEqualTo("https://" + shown);
    }

    @Test
    void tellsAddressesFromNames() {
        assertThat(ApiEndpoint.parse("10.0.1.10").isIpAddress()).isTrue();
        assertThat(ApiEndpoint.parse("[fd00::10]").isIpAddress()).isTrue();
        assertThat(ApiEndpoint.parse("k8s-api.example.com").isIpAddress()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "https://k8s-api.example.com:6443 | without a scheme or path",
        "k8s-api.example.com/api | without a scheme or path",
        "fd00::10 | put an IPv6 address in brackets",
        "fd00::10:6443 | put an IPv6 address in brackets",
        "[fd00::10 | missing ']'",
        "[10.0.1.10]:6443 | in brackets is not an IPv6 address",
        "[fd00::10]6443 | expected ':port' after ']'",
        "k8s-api:0 | port '0' is not a number from 1 to 65535",
        "k8s-api:65536 | port '65536'",
        "k8s-api:https | port 'https'",
        "k8s-api: | port ''",
        ":6443 | '' is not a host name",
        "10.0.1 | '10.0.1' is not a host name or IPv4 address",
        "10.0.1.256 | '10.0.1.256'",
        "k8s_api | 'k8s_api'",
        "-k8s.example.com | '-k8s.example.com'"})
    void rejectsMalformedEndpointsNamingTheTextAndTheExpectedForms(String text, String problem) {
        assertThatThrownBy(() -> ApiEndpoint.parse(text))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("control-plane endpoint")
                .hasMessageContaining(problem)
                .hasMessageContaining("expected host, host:port or [IPv6]:port")
                .satisfies(e -> assertThat(((ParseException) e).offendingText()).contains(text));
    }

    @Test
    void rejectsInvalidComponents() {
        assertThatThrownBy(() -> new ApiEndpoint("k8s-api", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be 1 to 65535");
        assertThatThrownBy(() -> new ApiEndpoint("not a host", 6443)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not a host' is not a host name or IP address");
    }
}
