package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.SshAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenSshExecutorTest {

    private final Host host = Host.of("cp-1", "10.0.1.11").withSsh(SshAccess.of("ubuntu", 2222));

    @Test
    void defaultsToBatchModeStrictHostKeysConnectionReuseAndTheHostsUserAndPort() {
        List<String> argv = OpenSshExecutor.ofDefaults().argv(host, "uptime");

        assertThat(argv).startsWith("ssh").endsWith("-p", "2222", "-l", "ubuntu", "--", "10.0.1.11", "uptime");
        assertThat(options(argv)).contains("BatchMode=yes", "ConnectTimeout=10", "StrictHostKeyChecking=yes",
                "ControlMaster=auto", "ControlPath=~/.ssh/gantry-%C", "ControlPersist=60");
        assertThat(argv).doesNotContain("-F", "-i");
    }

    @Test
    void passesConfigFileIdentityKnownHostsAndExtraOptions() {
        OpenSshExecutor ssh = OpenSshExecutor.builder()
                .configFile(Path.of("/etc/gantry/ssh_config"))
                .identityFile(Path.of("/keys/id_ed25519"))
                .knownHostsFile(Path.of("/keys/known_hosts"))
                .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
                .connectTimeout(Duration.ofSeconds(3))
                .options(List.of("ProxyJump=bastion", "ServerAliveInterval=15"))
                .build();

        List<String> argv = ssh.argv(host, "true");

        assertThat(argv).containsSequence("ssh", "-F", "/etc/gantry/ssh_config");
        assertThat(argv).containsSequence("-i", "/keys/id_ed25519");
        assertThat(options(argv)).contains("StrictHostKeyChecking=accept-new", "UserKnownHostsFile=/keys/known_hosts",
                "IdentitiesOnly=yes", "ConnectTimeout=3", "ProxyJump=bastion", "ServerAliveInterval=15");
    }

    @Test
    void fromConfigLeavesHostKeyCheckingToTheUsersConfigAndReuseCanBeOff() {
        OpenSshExecutor ssh = OpenSshExecutor.builder().hostKeyPolicy(HostKeyPolicy.FROM_CONFIG)
                .withoutConnectionReuse().build();

        assertThat(options(ssh.argv(host, "true"))).noneMatch(o -> o.startsWith("StrictHostKeyChecking"))
                .noneMatch(o -> o.startsWith("Control"));
    }

    @Test
    void newBuilderMakesAVariantWithoutChangingTheOriginal() {
        OpenSshExecutor strict = OpenSshExecutor.ofDefaults();
        OpenSshExecutor lenient = strict.newBuilder().hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build();

        assertThat(options(strict.argv(host, "true"))).contains("StrictHostKeyChecking=yes");
        assertThat(options(lenient.argv(host, "true"))).contains("StrictHostKeyChecking=accept-new");
    }

    @Test
    void rejectsMalformedOptionsAndAddressesThatLookLikeFlags() {
        assertThatThrownBy(() -> OpenSshExecutor.builder().options(List.of("-oProxyCommand=x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Key=value");
        assertThatThrownBy(() -> OpenSshExecutor.ofDefaults().argv(Host.of("evil", "-oProxyCommand=x"), "true"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a host address");
    }

    private static List<String> options(List<String> argv) {
        List<String> options = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("-o")) {
                options.add(argv.get(i + 1));
            }
        }
        return options;
    }
}
