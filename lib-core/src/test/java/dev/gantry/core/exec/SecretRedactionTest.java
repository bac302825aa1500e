package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gantry.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets passed to commands never reach logs, results or exception messages. The logs are
 * slf4j-simple's (which writes to the current {@code System.err}); {@code simplelogger.properties}
 * in the test resources turns on DEBUG for the executors, which logs every command line.
 */
class SecretRedactionTest {

    private static final String VALUE = "s3cr3t-'v@lue'";
    private static final Secret SECRET = Secret.of(VALUE);

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureLogs() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLogs() {
        System.setErr(originalErr);
        originalErr.print(logs());
    }

    @Test
    void aSecretEchoedToBothStreamsIsMaskedInTheResultAndTheLogs() {
        Command command = Command.of("/bin/sh", "-c", "echo \"out $1\"; echo \"err $1\" >&2; exit 4", "sh").secret(SECRET);

        ExecResult result = LocalExecutor.ofDefaults().exec(Host.local(), command, Duration.ofSeconds(20));

        assertThat(result.exit()).isEqualTo(4);
        assertThat(result.stdout()).isEqualTo("out ****\n");
        assertThat(result.stderr()).isEqualTo("err ****\n");
        assertThat(logs()).contains("running /bin/sh -c").contains("****").doesNotContain(VALUE).doesNotContain("s3cr3t");
    }

    @Test
    void aTimedOutCommandDoesNotPutTheSecretInTheException() {
        Command command = Command.of("/bin/sh", "-c", "sleep 30", "sh").secret(SECRET);

        Throwable thrown = catchThrowable(() -> LocalExecutor.ofDefaults().exec(Host.local(), command, Duration.ofMillis(500)));

        assertThat(thrown).isInstanceOf(ExecException.class).hasMessageContaining("sleep 30").hasMessageContaining("****");
        assertThat(thrown.getMessage()).doesNotContain("s3cr3t");
        assertThat(logs()).contains("sleep 30").doesNotContain("s3cr3t");
    }

    @Test
    void aProgramThatCannotStartDoesNotPutTheSecretInTheException() {
        Command command = Command.of("/no/such/program").secret(SECRET);

        Throwable thrown = catchThrowable(() -> LocalExecutor.ofDefaults().exec(Host.local(), command, Duration.ofSeconds(5)));

        assertThat(thrown).isInstanceOf(ExecException.class).hasMessageContaining("/no/such/program '****'");
        assertThat(thrown.getMessage()).doesNotContain("s3cr3t");
        assertThat(logs()).doesNotContain("s3cr3t");
    }

    @Test
    void theSshExecutorNeverLogsTheSecretEvenWhenSshFails() {
        OpenSshExecutor ssh = OpenSshExecutor.builder().sshProgram("/no/such/ssh").withoutConnectionReuse().build();
        Command command = Command.of("etcdctl", "--password").secret(SECRET);

        Throwable thrown = catchThrowable(() -> ssh.exec(Host.of("db-1", "192.0.2.1"), command, Duration.ofSeconds(5)));

        assertThat(thrown).isInstanceOf(ExecException.class).hasMessageContaining("etcdctl --password '****'");
        assertThat(thrown.getMessage()).doesNotContain("s3cr3t");
        assertThat(logs()).contains("running etcdctl --password '****'").doesNotContain("s3cr3t");
    }

    private String logs() {
        return captured.toString(StandardCharsets.UTF_8);
    }
}
