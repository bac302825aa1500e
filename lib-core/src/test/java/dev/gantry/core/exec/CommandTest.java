package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Secret;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {

    private static final Secret PASSWORD = Secret.of("hunter2's pass");

    @Test
    void revealsSecretsOnlyToTheExecutor() {
        Command command = Command.of("etcdctl", "--user").secretArg("root:", PASSWORD).args("get", "/k");

        assertThat(command.reveal()).containsExactly("etcdctl", "--user", "root:hunter2's pass", "get", "/k");
        assertThat(command.masked()).containsExactly("etcdctl", "--user", "root:****", "get", "/k");
        assertThat(command.toString()).isEqualTo("etcdctl --user 'root:****' get /k").doesNotContain("hunter2");
    }

    @Test
    void redactsTheValueAndItsQuotedForm() {
        Command command = Command.of("x").secret(PASSWORD);

        assertThat(command.redact("got hunter2's pass and " + ShellQuote.quote("hunter2's pass")))
                .isEqualTo("got **** and ****");
    }

    @Test
    void commandsWithoutSecretsChangeNothing() {
        Command command = Command.of("echo", "hunter2");
        ExecResult result = new ExecResult(0, "hunter2", "", Duration.ZERO);

        assertThat(command.hasSecrets()).isFalse();
        assertThat(command.redact(result)).isSameAs(result);
    }

    @Test
    void theDefaultExecOverloadMasksWhatAThirdPartyExecutorReturns() {
        HostExecutor echoing = new HostExecutor() {
            @Override
            public ExecResult exec(Host host, List<String> argv, Duration timeout) {
                return new ExecResult(3, String.join(" ", argv), "error near " + argv.get(1), Duration.ZERO);
            }

            @Override
            public void upload(Host host, String path, byte[] content, int mode) {
                throw new UnsupportedOperationException();
            }
        };

        ExecResult result = echoing.exec(Host.local(), Command.of("login").secret(PASSWORD), Duration.ofSeconds(1));

        assertThat(result.stdout()).isEqualTo("login ****");
        assertThat(result.stderr()).isEqualTo("error near ****");
        assertThat(result.exit()).isEqualTo(3);
    }
}
