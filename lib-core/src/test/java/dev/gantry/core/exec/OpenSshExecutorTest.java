package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.SshAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenSshExecutorTest {

    private final Host host = Host.of("cp-1", "10.0.1.11").withSsh(SshAccess.of("ubuntu", 2222));

    @Test
    void defaultsToBatchModeStrictHostKeysConnectionReuseAndTheHostsUserAndPort() {
        try (OpenSshExecutor ssh = OpenSshExecutor.ofDefaults()) {
            List<String> argv = ssh.argv(host, "uptime");

            assertThat(argv).startsWith("ssh").endsWith("-p", "2222", "-l", "ubuntu", "--", "10.0.1.11", "uptime");
            assertThat(options(argv)).contains("BatchMode=yes", "ConnectTimeout=10", "StrictHostKeyChecking=yes",
                    "ControlMaster=auto", "ControlPersist=60");
            assertThat(argv).doesNotContain("-F", "-i");
        }
    }

    @Test
    void theDefaultControlPathIsAShortPrivateDirectoryOutsideTheHomeThatCloseRemoves() throws Exception {
        OpenSshExecutor ssh = OpenSshExecutor.ofDefaults();
        String controlPath = controlPath(ssh.argv(host, "true"));
        Path directory = ssh.controlDirectory().orElseThrow();

        assertThat(controlPath).isEqualTo(directory + "/%C").doesNotContain("~");
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        // %C expands to 40 hex digits and ssh binds "<path>.<16 characters>" first.
        assertThat((directory + "/" + "c".repeat(40) + "." + "r".repeat(16)).length()).isLessThan(104);
        assertThat(controlPath(ssh.argv(host, "true"))).as("one directory per executor").isEqualTo(controlPath);

        ssh.close();

        assertThat(directory).doesNotExist();
        assertThatThrownBy(() -> ssh.exec(host, List.of("true"), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        ssh.close();
    }

    @Test
    void eachVariantOwnsItsSocketDirectory() {
        try (OpenSshExecutor first = OpenSshExecutor.ofDefaults();
                OpenSshExecutor second = first.newBuilder().connectionReuse(Duration.ofSeconds(5)).build()) {
            String firstPath = controlPath(first.argv(host, "true"));

            assertThat(controlPath(second.argv(host, "true"))).isNotEqualTo(firstPath);
            assertThat(options(second.argv(host, "true"))).contains("ControlPersist=5");
        }
    }

    @Test
    void aControlPathGivenByTheCallerIsUsedAsItIs() {
        try (OpenSshExecutor ssh = OpenSshExecutor.builder()
                .connectionReuse("~/.ssh/gantry-%C", Duration.ofSeconds(30)).build()) {
            assertThat(options(ssh.argv(host, "true"))).contains("ControlPath=~/.ssh/gantry-%C", "ControlPersist=30");
            assertThat(ssh.controlDirectory()).isEmpty();
        }
    }

    @Test
    void rejectsABlankControlPathAndAPersistUnderOneSecond() {
        assertThatThrownBy(() -> OpenSshExecutor.builder().connectionReuse(" ", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control path");
        assertThatThrownBy(() -> OpenSshExecutor.builder().connectionReuse(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1s");
    }

    @Test
    void passesConfigFileIdentityKnownHostsAndExtraOptions() {
        OpenSshExecutor ssh = OpenSshExecutor.builder()
                .withoutConnectionReuse()
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
        try (OpenSshExecutor strict = OpenSshExecutor.ofDefaults();
                OpenSshExecutor lenient = strict.newBuilder().hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build()) {
            assertThat(options(strict.argv(host, "true"))).contains("StrictHostKeyChecking=yes");
            assertThat(options(lenient.argv(host, "true"))).contains("StrictHostKeyChecking=accept-new");
        }
    }

    @Test
    void rejectsMalformedOptionsAndAddressesThatLookLikeFlags() {
        assertThatThrownBy(() -> OpenSshExecutor.builder().options(List.of("-oProxyCommand=x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Key=value");
        try (OpenSshExecutor ssh = OpenSshExecutor.ofDefaults()) {
            assertThatThrownBy(() -> ssh.argv(Host.of("evil", "-oProxyCommand=x"), "true"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a host address");
        }
    }

    private static String controlPath(List<String> argv) {
        return options(argv).stream().filter(o -> o.startsWith("ControlPath=")).findFirst().orElseThrow()
                .substring("ControlPath=".length());
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
