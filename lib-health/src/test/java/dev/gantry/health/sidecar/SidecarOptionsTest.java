package dev.gantry.health.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.core.ParseException;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.sync.SyncCheck;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SidecarOptionsTest {

    private static final Map<String, String> ENV = Map.of("RPC_PASSWORD", "s3cret-node", "REF_PASSWORD",
            "s3cret-ref", "TOKEN", "t0ken", "EMPTY", "");

    private static SidecarOptions parse(String... arguments) {
        return SidecarOptions.parse(List.of(arguments), ENV);
    }

    private static List<String> bitcoin(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--source", "bitcoin", "--url", "http://127.0.0.1:18443",
                "--rpc-user", "u", "--rpc-password-env", "RPC_PASSWORD"));
        arguments.addAll(Arrays.asList(more));
        return arguments;
    }

    private static ParseException failure(List<String> arguments) {
        return catchThrowableOfType(ParseException.class, () -> SidecarOptions.parse(arguments, ENV));
    }

    @Test
    void theDocumentedCommandLineGivesABitcoinNodeWithItsPasswordFromTheEnvironment() {
        SidecarOptions options = SidecarOptions.parse(bitcoin("--listen", "127.0.0.1:8080", "--max-lag", "2",
                "--resume-lag", "0", "--interval", "1s"), ENV);

        assertThat(options.source()).isEqualTo(SourceFamily.BITCOIN);
        assertThat(options.node().url().toString()).isEqualTo("http://127.0.0.1:18443");
        assertThat(options.node().user()).hasValue("u");
        assertThat(options.node().password().orElseThrow().reveal()).isEqualTo("s3cret-node");
        assertThat(options.listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(options.maxLag()).hasValue(2);
        assertThat(options.resumeLag()).hasValue(0);
        assertThat(options.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.references()).isEmpty();
    }

    @Test
    void defaultsApplyWhenOnlySourceAndUrlAreGiven() {
        SidecarOptions options = parse("--source", "ethereum", "--url", "http://127.0.0.1:8545");

        assertThat(options.listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(options.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.timeout()).isEqualTo(HttpEndpoint.DEFAULT_TIMEOUT);
        assertThat(options.rise()).isEqualTo(2);
        assertThat(options.fall()).isEqualTo(3);
        assertThat(options.node().user()).isEmpty();
        assertThat(options.maxLag()).isEmpty();
        SyncCheck check = options.syncCheck();
        assertThat(check.maxLag()).isEqualTo(SyncCheck.DEFAULT_MAX_LAG);
        assertThat(check.minPeers()).isEqualTo(SyncCheck.DEFAULT_MIN_PEERS);
        assertThat(check.maxStall()).isEmpty();
    }

    @Test
    void flagsMayCarryTheirValueAfterAnEqualsSign() {
        SidecarOptions options = parse("--source=near", "--url=http://127.0.0.1:3030", "--max-lag=7",
                "--listen=0.0.0.0:9000");

        assertThat(options.source()).isEqualTo(SourceFamily.NEAR);
        assertThat(options.maxLag()).hasValue(7);
        assertThat(options.listen().getPort()).isEqualTo(9000);
        assertThat(options.listen().getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void everySourceFamilyIsAccepted() {
        for (SourceFamily family : SourceFamily.values()) {
            List<String> arguments = new ArrayList<>(List.of("--source", family.flagValue(), "--url",
                    "http://127.0.0.1:1"));
            if (family == SourceFamily.JSON) {
                arguments.addAll(List.of("--height-pointer", "/height"));
            }
            assertThat(SidecarOptions.parse(arguments, ENV).source()).isEqualTo(family);
        }
    }

    @Test
    void referencesRepeatAndUseTheirOwnCredentialsAndTheSharedTimeout() {
        SidecarOptions options = SidecarOptions.parse(bitcoin("--reference", "http://10.0.0.2:9332",
                "--reference", "http://10.0.0.3:9332", "--reference-rpc-user", "ref",
                "--reference-rpc-password-env", "REF_PASSWORD", "--timeout", "750ms"), ENV);

        assertThat(options.references()).extracting(e -> e.url().toString())
                .containsExactly("http://10.0.0.2:9332", "http://10.0.0.3:9332");
        assertThat(options.references()).allSatisfy(reference -> {
            assertThat(reference.user()).hasValue("ref");
            assertThat(reference.password().orElseThrow().reveal()).isEqualTo("s3cret-ref");
            assertThat(reference.timeout()).isEqualTo(Duration.ofMillis(750));
        });
        assertThat(options.node().timeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(options.syncCheck().references()).hasSize(2);
    }

    @Test
    void referencesWithoutTheirOwnCredentialsGetNoneOfTheNodes() {
        SidecarOptions options = SidecarOptions.parse(bitcoin("--reference", "http://10.0.0.2:9332"), ENV);

        assertThat(options.references().get(0).user()).isEmpty();
        assertThat(options.references().get(0).password()).isEmpty();
    }

    @Test
    void aBearerTokenComesFromTheNamedVariable() {
        SidecarOptions options = parse("--source", "beacon", "--url", "http://127.0.0.1:5052",
                "--bearer-token-env", "TOKEN");

        assertThat(options.node().bearerToken().orElseThrow().reveal()).isEqualTo("t0ken");
    }

    @Test
    void theSyncCheckTakesTheLagBandStallAndPeerSettings() {
        SyncCheck check = SidecarOptions.parse(bitcoin("--max-lag", "10", "--resume-lag", "2", "--max-stall", "2m",
                "--min-peers", "0"), ENV).syncCheck();

        assertThat(check.maxLag()).isEqualTo(10);
        assertThat(check.resumeLag()).isEqualTo(2);
        assertThat(check.maxStall()).hasValue(Duration.ofMinutes(2));
        assertThat(check.minPeers()).isZero();
    }

    @Test
    void anExpectedBlockIntervalDerivesTheStallLimit() {
        SyncCheck check = SidecarOptions.parse(bitcoin("--expected-block-interval", "10m"), ENV).syncCheck();

        assertThat(check.maxStall()).isPresent();
        assertThat(check.maxStall().get()).isGreaterThan(Duration.ofMinutes(60));
    }

    @Test
    void theCheckDeadlineCoversEveryCallOfTheNodeAndItsReferences() {
        SidecarOptions options = SidecarOptions.parse(bitcoin("--timeout", "1s", "--reference",
                "http://10.0.0.2:9332"), ENV);

        assertThat(options.checkTimeout()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void jsonFlagsMakeAPostSpecWithEveryPointer() {
        SidecarOptions options = parse("--source", "json", "--url", "http://127.0.0.1:8080", "--path", "/rpc",
                "--body", "{\"method\":\"status\"}", "--height-pointer", "/result/height",
                "--network-height-pointer", "/result/best", "--syncing-pointer", "/result/syncing",
                "--peers-pointer", "/result/peers", "--tip-time-pointer", "/result/time");

        var spec = options.json().orElseThrow();
        assertThat(spec.method()).isEqualTo("POST");
        assertThat(spec.path()).isEqualTo("/rpc");
        assertThat(spec.body()).hasValue("{\"method\":\"status\"}");
        assertThat(spec.height()).isEqualTo("/result/height");
        assertThat(spec.networkHeight()).hasValue("/result/best");
        assertThat(spec.syncing()).hasValue("/result/syncing");
        assertThat(spec.peers()).hasValue("/result/peers");
        assertThat(spec.tipTime()).hasValue("/result/time");
    }

    @Test
    void jsonWithoutABodyIsAGetOfTheRootByDefault() {
        var spec = parse("--source", "json", "--url", "http://127.0.0.1:8080", "--height-pointer", "/h")
                .json().orElseThrow();

        assertThat(spec.method()).isEqualTo("GET");
        assertThat(spec.path()).isEqualTo("/");
        assertThat(spec.syncing()).isEmpty();
    }

    @Test
    void ipv6ListenAddressesAreBracketed() {
        SidecarOptions options = SidecarOptions.parse(bitcoin("--listen", "[::1]:8081"), ENV);

        assertThat(options.listen().getAddress().isLoopbackAddress()).isTrue();
        assertThat(options.listen().getPort()).isEqualTo(8081);
    }

    @Test
    void theDescriptionNamesTheSettingsButNoSecret() {
        String line = SidecarOptions.parse(bitcoin("--reference", "http://10.0.0.2:9332",
                "--reference-rpc-user", "ref", "--reference-rpc-password-env", "REF_PASSWORD"), ENV).describe();

        assertThat(line).contains("bitcoin", "http://127.0.0.1:18443", "1 reference")
                .doesNotContain("s3cret-node", "s3cret-ref");
    }

    @Test
    void helpIsRecognisedAnywhereOnTheLine() {
        assertThat(SidecarOptions.helpRequested(List.of("--source", "nope", "--help"))).isTrue();
        assertThat(SidecarOptions.helpRequested(List.of("-h"))).isTrue();
        assertThat(SidecarOptions.helpRequested(bitcoin())).isFalse();
    }

    @Test
    void usageDocumentsEveryFlagEveryFamilyAndTheExitCodes() {
        String usage = SidecarOptions.usage();

        for (SidecarFlag flag : SidecarFlag.values()) {
            assertThat(usage).contains(flag.flag());
        }
        for (SourceFamily family : SourceFamily.values()) {
            assertThat(usage).contains(family.flagValue());
        }
        assertThat(usage).contains("Exit codes", "500ms");
    }

    // ---- errors: one line, naming the flag and what was expected

    @Test
    void anUnknownFlagIsNamed() {
        ParseException e = failure(bitcoin("--max-lagg", "3"));

        assertThat(e.problem()).contains("unknown flag \"--max-lagg\"");
        assertThat(e.source()).isEqualTo(SidecarOptions.SOURCE);
        assertThat(e.line()).hasValue(9);
    }

    @Test
    void aPasswordFlagIsUnknownAndItsValueIsNotEchoed() {
        ParseException e = failure(bitcoin("--rpc-password=hunter2"));

        assertThat(e.problem()).contains("--rpc-password\"", "--rpc-password-env");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void aFlagAtTheEndWithoutValueIsReported() {
        assertThat(failure(bitcoin("--interval")).problem()).isEqualTo("--interval needs a value: DURATION");
    }

    @Test
    void aFlagFollowedByAnotherFlagHasNoValue() {
        assertThat(failure(List.of("--source", "bitcoin", "--url", "--max-lag", "2")).problem())
                .isEqualTo("--url needs a value: URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1sec", "-1s", "1.5s", "s", "10d", ""})
    void aBadDurationNamesTheFlagAndTheExpectedForm(String value) {
        ParseException e = failure(bitcoin("--interval", value));

        assertThat(e.problem()).isEqualTo("--interval expects a duration such as 500ms, 1s, 2m or 1h but was \""
                + value + "\"");
    }

    @Test
    void aZeroDurationIsRejected() {
        assertThat(failure(bitcoin("--timeout", "0ms")).problem()).contains("--timeout must be longer than zero");
    }

    @Test
    void everyDurationUnitParses() {
        assertThat(parse("--source", "near", "--url", "http://h:1", "--interval", "250ms").interval())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(parse("--source", "near", "--url", "http://h:1", "--interval", "2m").interval())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(parse("--source", "near", "--url", "http://h:1", "--interval", "1h").interval())
                .isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080", "127.0.0.1", "127.0.0.1:", "127.0.0.1:http", ":8080", "::1:8080"})
    void aMalformedListenAddressNamesTheExpectedForm(String value) {
        assertThat(failure(bitcoin("--listen", value)).problem())
                .startsWith("--listen expects HOST:PORT such as 127.0.0.1:8080");
    }

    @Test
    void aListenPortOutOfRangeIsReported() {
        assertThat(failure(bitcoin("--listen", "127.0.0.1:70000")).problem())
                .isEqualTo("--listen port must be between 0 and 65535 but was 70000");
    }

    @Test
    void aMissingUrlIsReported() {
        ParseException e = failure(List.of("--source", "bitcoin"));

        assertThat(e.problem()).startsWith("--url is required");
        assertThat(e.line()).isEmpty();
    }

    @Test
    void aMissingSourceListsTheFamilies() {
        assertThat(failure(List.of("--url", "http://127.0.0.1:1")).problem())
                .isEqualTo("--source is required: one of " + SourceFamily.all());
    }

    @Test
    void anUnknownSourceListsTheValidOnes() {
        assertThat(failure(List.of("--source", "dogecoin", "--url", "http://127.0.0.1:1")).problem())
                .isEqualTo("--source expects one of bitcoin, ethereum, near, cometbft, solana, substrate, monero,"
                        + " beacon, json but was \"dogecoin\"");
    }

    @Test
    void anUnsetPasswordVariableIsNamed() {
        List<String> arguments = List.of("--source", "bitcoin", "--url", "http://127.0.0.1:1", "--rpc-user", "u",
                "--rpc-password-env", "NOT_THERE");

        assertThat(failure(arguments).problem()).isEqualTo("--rpc-password-env names the environment variable"
                + " NOT_THERE, which is not set; export it with the secret before starting");
    }

    @Test
    void anEmptyPasswordVariableIsNamed() {
        List<String> arguments = List.of("--source", "bitcoin", "--url", "http://127.0.0.1:1", "--rpc-user", "u",
                "--rpc-password-env", "EMPTY");

        assertThat(failure(arguments).problem()).contains("EMPTY, which is empty");
    }

    @Test
    void aPasswordGivenInsteadOfAVariableNameIsNotEchoed() {
        List<String> arguments = List.of("--source", "bitcoin", "--url", "http://127.0.0.1:1", "--rpc-user", "u",
                "--rpc-password-env", "p@ss w0rd!");

        ParseException e = failure(arguments);
        assertThat(e.problem()).contains("expects the NAME of an environment variable");
        assertThat(e.getMessage()).doesNotContain("w0rd");
    }

    @Test
    void aUserWithoutAPasswordVariableIsRejected() {
        assertThat(failure(List.of("--source", "bitcoin", "--url", "http://h:1", "--rpc-user", "u")).problem())
                .startsWith("--rpc-user needs --rpc-password-env");
    }

    @Test
    void aPasswordVariableWithoutAUserIsRejected() {
        assertThat(failure(List.of("--source", "bitcoin", "--url", "http://h:1", "--rpc-password-env",
                "RPC_PASSWORD")).problem()).isEqualTo("--rpc-password-env needs --rpc-user USER");
    }

    @Test
    void referenceCredentialsWithoutAReferenceAreRejected() {
        assertThat(failure(bitcoin("--reference-rpc-user", "r", "--reference-rpc-password-env", "REF_PASSWORD"))
                .problem()).contains("no --reference is given");
    }

    @Test
    void aRepeatedSingleFlagIsRejected() {
        assertThat(failure(bitcoin("--max-lag", "1", "--max-lag", "2")).problem())
                .startsWith("--max-lag is given twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "two", "1.5", "99999999999999999999"})
    void aBadBlockCountNamesTheFlag(String value) {
        assertThat(failure(bitcoin("--max-lag", value)).problem())
                .isEqualTo("--max-lag expects a whole number >= 0 but was \"" + value + "\"");
    }

    @Test
    void riseAndFallMustBeAtLeastOne() {
        assertThat(failure(bitcoin("--rise", "0")).problem()).isEqualTo("--rise expects a whole number >= 1 but was \"0\"");
        assertThat(failure(bitcoin("--fall", "0")).problem()).isEqualTo("--fall expects a whole number >= 1 but was \"0\"");
    }

    @Test
    void aResumeLagAboveTheMaxLagIsRejected() {
        assertThat(failure(bitcoin("--max-lag", "2", "--resume-lag", "5")).problem())
                .startsWith("--resume-lag: resumeLag (5) must be <= maxLag (2)");
    }

    @Test
    void aUrlThatIsNotHttpIsRejected() {
        assertThat(failure(List.of("--source", "bitcoin", "--url", "ftp://h:1")).problem())
                .startsWith("--url expects an http or https URL");
    }

    @Test
    void aUrlWithCredentialsIsRejectedWithoutEchoingThem() {
        ParseException e = failure(List.of("--source", "bitcoin", "--url", "http://u:pw@h:1"));

        assertThat(e.problem()).startsWith("--url expects an http or https URL").contains("must not carry credentials");
    }

    @Test
    void aStrayWordIsRejected() {
        assertThat(failure(bitcoin("extra")).problem()).startsWith("unexpected argument \"extra\"");
    }

    @Test
    void jsonFlagsNeedTheJsonSource() {
        assertThat(failure(bitcoin("--height-pointer", "/h")).problem())
                .isEqualTo("--height-pointer applies only to --source json, not --source bitcoin");
    }

    @Test
    void theJsonSourceNeedsAHeightPointer() {
        assertThat(failure(List.of("--source", "json", "--url", "http://h:1")).problem())
                .startsWith("--height-pointer is required with --source json");
    }

    @Test
    void aBadJsonPointerIsNamed() {
        assertThat(failure(List.of("--source", "json", "--url", "http://h:1", "--height-pointer", "result.height"))
                .problem()).startsWith("--height-pointer: height pointer \"result.height\" is not a JSON Pointer");
    }

    @Test
    void aBodyThatIsNotJsonIsNamed() {
        assertThat(failure(List.of("--source", "json", "--url", "http://h:1", "--height-pointer", "/h",
                "--body", "{nope")).problem()).startsWith("--body: the POST body is not JSON");
    }

    @Test
    void helpTakesNoValue() {
        assertThatThrownBy(() -> parse("--help=yes")).isInstanceOf(ParseException.class)
                .hasMessageContaining("--help takes no value");
    }

    @Test
    void everyProblemIsOneLine() {
        List<List<String>> bad = List.of(bitcoin("--body", "{\n"), bitcoin("--interval", "1\ns"),
                List.of("--source", "json", "--url", "http://h:1", "--height-pointer", "/h", "--body", "{\n"));
        for (List<String> arguments : bad) {
            assertThat(failure(arguments).problem()).doesNotContain("\n");
        }
    }
}
