package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one {@code ETCD_*} renderer: quoting that POSIX sh and systemd's EnvironmentFile= read alike. */
class EtcdEnvFileTest {

    @TempDir
    Path dir;

    @Test
    void plainUrlsPathsAndTheInitialClusterStayBare() {
        String text = EtcdEnvFile.of("etcd member e1, written by Gantry")
                .with("ETCD_NAME", "e1")
                .with("ETCD_DATA_DIR", "/var/lib/etcd")
                .with("ETCD_INITIAL_CLUSTER", "e1=https://10.0.0.1:2380,e2=https://10.0.0.2:2380")
                .render();

        assertThat(text).isEqualTo("# etcd member e1, written by Gantry\nETCD_NAME=e1\nETCD_DATA_DIR=/var/lib/etcd\n"
                + "ETCD_INITIAL_CLUSTER=e1=https://10.0.0.1:2380,e2=https://10.0.0.2:2380\n");
    }

    @Test
    void otherValuesAreDoubleQuotedWithTheFourSpecialCharactersEscaped() {
        assertThat(EtcdEnvFile.quote("/data dir")).isEqualTo("\"/data dir\"");
        assertThat(EtcdEnvFile.quote("it's")).isEqualTo("\"it's\"");
        assertThat(EtcdEnvFile.quote("a\"b\\c$HOME`id`")).isEqualTo("\"a\\\"b\\\\c\\$HOME\\`id\\`\"");
        assertThat(EtcdEnvFile.quote("https://[fd00::1]:2379")).isEqualTo("\"https://[fd00::1]:2379\"");
        assertThat(EtcdEnvFile.quote("")).isEqualTo("\"\"");
        assertThat(EtcdEnvFile.quote("#not-a-comment")).isEqualTo("\"#not-a-comment\"");
    }

    @Test
    void aShellSourcingTheFileGetsBackEveryValueUnchanged() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ETCD_NAME", "e1");
        values.put("ETCD_DATA_DIR", "/var/lib/etcd data");
        values.put("ETCD_INITIAL_CLUSTER_TOKEN", "it's a \"token\" with $HOME, `id`, \\ and * ; & | < >");
        values.put("ETCD_INITIAL_CLUSTER", "e1=https://[fd00::1]:2380,e2=https://10.0.0.2:2380");
        values.put("ETCD_EMPTY", "");
        values.put("ETCD_UNICODE", "zürich-é");
        EtcdEnvFile file = EtcdEnvFile.of("hostile values");
        for (Map.Entry<String, String> e : values.entrySet()) {
            file = file.with(e.getKey(), e.getValue());
        }
        Path env = dir.resolve("e1.env");
        Files.writeString(env, file.render(), StandardCharsets.UTF_8);

        for (Map.Entry<String, String> e : values.entrySet()) {
            assertThat(sourced(env, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void aLineBreakCannotForgeASecondVariable() {
        assertThatThrownBy(() -> EtcdEnvFile.of().with("ETCD_NAME", "e1\nETCD_DATA_DIR=/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ETCD_NAME")
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> EtcdEnvFile.of("a\nETCD_NAME=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EtcdEnvFile.of().with("ETCD_NAME", "a\u0000b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyEtcdVariablesAreAccepted() {
        assertThatThrownBy(() -> EtcdEnvFile.of().with("PATH", "/tmp")).hasMessageContaining("ETCD_INITIAL_CLUSTER");
        assertThatThrownBy(() -> EtcdEnvFile.of().with("ETCD_name", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingAVariableAgainKeepsItsPlace() {
        EtcdEnvFile file = EtcdEnvFile.of().with("ETCD_NAME", "a").with("ETCD_DATA_DIR", "/d").with("ETCD_NAME", "b");

        assertThat(file.variables()).containsExactly(Map.entry("ETCD_NAME", "b"), Map.entry("ETCD_DATA_DIR", "/d"));
        assertThat(file.render()).isEqualTo("ETCD_NAME=b\nETCD_DATA_DIR=/d\n");
    }

    /** The value of {@code name} after {@code set -a; . file}, as the start script loads it. */
    private String sourced(Path env, String name) throws IOException, InterruptedException {
        Path out = dir.resolve("out-" + name);
        Process sh = new ProcessBuilder("/bin/sh", "-c", "set -a; . \"$1\"; printf '%s' \"$(printenv \"$2\")\"", "sh",
                env.toString(), name).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!sh.waitFor(30, TimeUnit.SECONDS)) {
            sh.destroyForcibly();
            throw new AssertionError("sh did not finish within 30 s");
        }
        assertThat(sh.exitValue()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
