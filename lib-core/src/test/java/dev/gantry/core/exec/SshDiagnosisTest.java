package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.exec.SshDiagnosis.Cause;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fixtures: stderr lines of OpenSSH 9.2p1 (Debian 12) as printed at {@code LogLevel=ERROR}; the
 * socket ones come from {@code misc.c} {@code unix_listener()} and {@code mux.c}
 * {@code muxserver_listen()}, the others from {@code sshconnect.c} and {@code sshconnect2.c}.
 */
class SshDiagnosisTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unix_listener: cannot bind to path /home/ops/.ssh/gantry-5e1d0c6b.x3JkPq0aZ9LmNb7c: No such file or directory | CONTROL_SOCKET
            unix_listener: path "/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T/gantry-ssh-1/0123456789abcdef0123456789abcdef01234567.AbCdEfGhIjKlMnOp" too long for Unix domain socket | CONTROL_SOCKET
            muxserver_listen: link mux listener /tmp/x/%C.tmp => /tmp/x/%C: Permission denied | CONTROL_SOCKET
            Host key verification failed. | HOST_KEY
            @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @ | HOST_KEY
            No ED25519 host key is known for [10.0.1.11]:2222 and you have requested strict checking. | HOST_KEY
            ubuntu@10.0.1.11: Permission denied (publickey). | KEY_REFUSED
            Received disconnect from 10.0.1.11 port 22:2: Too many authentication failures | KEY_REFUSED
            ssh: connect to host 10.0.1.11 port 2222: Connection refused | NETWORK
            ssh: connect to host 192.0.2.1 port 22: Connection timed out | NETWORK
            ssh: connect to host 10.9.9.9 port 22: No route to host | NETWORK
            ssh: Could not resolve hostname cp-9: Name or service not known | NETWORK
            kex_exchange_identification: read: Connection reset by peer | NETWORK
            something nobody has seen before | UNKNOWN
            """)
    void namesTheCauseOfEachKnownSshFailure(String stderr, Cause expected) {
        assertThat(SshDiagnosis.cause(stderr.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void aSocketThatCannotBeBoundIsTheCauseEvenWhenOtherLinesFollow() {
        String stderr = "unix_listener: cannot bind to path /root/.ssh/gantry-ab.cd: No such file or directory\n"
                + "ubuntu@10.0.1.11: Permission denied (publickey).";

        assertThat(SshDiagnosis.cause(stderr)).isEqualTo(Cause.CONTROL_SOCKET);
    }

    @Test
    void theSocketHintNamesTheControlPathAndTheWayOutAndNotTheKey() {
        String hint = SshDiagnosis.hint("unix_listener: cannot bind to path /root/.ssh/gantry-ab.cd: No such file",
                Optional.of("~/.ssh/gantry-%C"), HostKeyPolicy.STRICT, "ops");

        assertThat(hint).contains("connection-reuse socket", "~/.ssh/gantry-%C", "0700", "withoutConnectionReuse()")
                .doesNotContain("authorised");
    }

    @Test
    void theHostKeyHintNamesThePolicyAndTheKeyHintNamesTheUser() {
        assertThat(SshDiagnosis.hint("Host key verification failed.", Optional.empty(), HostKeyPolicy.STRICT, "ops"))
                .contains("STRICT").contains("known-hosts");
        assertThat(SshDiagnosis.hint("ops@h: Permission denied (publickey).", Optional.empty(), HostKeyPolicy.STRICT,
                "ops")).contains("authorised for ops");
    }

    @Test
    void emptyHugeAndHostileStderrFallBackToTheGeneralHint() {
        assertThat(SshDiagnosis.cause("")).isEqualTo(Cause.UNKNOWN);
        assertThat(SshDiagnosis.cause("x".repeat(1_000_000))).isEqualTo(Cause.UNKNOWN);
        assertThat(SshDiagnosis.cause("\u0000\u001b[31m\uFFFD unix_listener\u0000")).isEqualTo(Cause.UNKNOWN);
        assertThat(SshDiagnosis.hint("", Optional.empty(), HostKeyPolicy.ACCEPT_NEW, "ops"))
                .contains("address", "ACCEPT_NEW", "authorised");
    }
}
