package dev.gantry.health.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.test.harness.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sidecar's command-line contract, run as a real {@code java} process: exit codes and what it prints. */
class SidecarCommandLineIT {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void helpDocumentsEveryFlagAndExitsZero() {
        SidecarProcess.Ended ended = SidecarProcess.run(NO_ENV, "--help");

        assertThat(ended.exitCode()).isZero();
        for (SidecarFlag flag : SidecarFlag.values()) {
            assertThat(ended.stdout()).contains(flag.flag());
        }
        assertThat(ended.stderr()).isEmpty();
    }

    @Test
    void anUnknownFlagExitsTwoWithOneLineNamingIt() {
        SidecarProcess.Ended ended = SidecarProcess.run(NO_ENV, "--source", "bitcoin", "--url",
                "http://127.0.0.1:1", "--max-lagg", "2");

        assertThat(ended.exitCode()).isEqualTo(2);
        assertThat(ended.stderr().lines())
                .containsExactly("sidecar: unknown flag \"--max-lagg\" (run with --help to list the flags)");
        assertThat(ended.stdout()).isEmpty();
    }

    @Test
    void aBadDurationExitsTwoNamingTheFlag() {
        SidecarProcess.Ended ended = SidecarProcess.run(NO_ENV, "--source", "bitcoin", "--url",
                "http://127.0.0.1:1", "--interval", "1sec");

        assertThat(ended.exitCode()).isEqualTo(2);
        assertThat(ended.stderr().lines()).singleElement().asString()
                .contains("--interval expects a duration such as 500ms, 1s, 2m or 1h but was \"1sec\"");
    }

    @Test
    void anUnsetPasswordVariableExitsTwoNamingTheVariable() {
        SidecarProcess.Ended ended = SidecarProcess.run(NO_ENV, "--source", "bitcoin", "--url",
                "http://127.0.0.1:1", "--rpc-user", "u", "--rpc-password-env", "GANTRY_TEST_UNSET_PASSWORD");

        assertThat(ended.exitCode()).isEqualTo(2);
        assertThat(ended.stderr().lines()).singleElement().asString()
                .contains("--rpc-password-env names the environment variable GANTRY_TEST_UNSET_PASSWORD, which is not set");
    }

    @Test
    void aMissingUrlExitsTwo() {
        SidecarProcess.Ended ended = SidecarProcess.run(NO_ENV, "--source", "bitcoin");

        assertThat(ended.exitCode()).isEqualTo(2);
        assertThat(ended.stderr().lines()).singleElement().asString().contains("--url is required");
    }

    @Test
    void aTakenListenAddressExitsOneWithoutPrintingThePassword() throws IOException {
        int port = LoopbackPorts.allocate();
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getByName(LoopbackPorts.HOST))) {
            SidecarProcess.Ended ended = SidecarProcess.run(Map.of("RPC_PASSWORD", "never-printed-7f3a"),
                    "--source", "bitcoin", "--url", "http://127.0.0.1:1", "--rpc-user", "u",
                    "--rpc-password-env", "RPC_PASSWORD", "--listen", LoopbackPorts.HOST + ":" + taken.getLocalPort());

            assertThat(ended.exitCode()).isEqualTo(1);
            assertThat(ended.stderr()).contains("sidecar: cannot start").doesNotContain("never-printed-7f3a");
            assertThat(ended.stdout()).doesNotContain("never-printed-7f3a");
        }
    }
}
