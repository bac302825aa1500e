package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTest {

    @Test
    void toStringShowsWhereButNeverWhat() {
        Artifact a = new Artifact("cp-1", "/etc/rancher/k3s/config.yaml", "token: very-secret-value\n", 0600);

        assertThat(a.toString()).isEqualTo("Artifact[host=cp-1, path=/etc/rancher/k3s/config.yaml, mode=0600,"
                + " 25 characters]").doesNotContain("very-secret-value");
        assertThat(a.modeOctal()).isEqualTo("0600");
    }

    @Test
    void rejectsRelativePathsBlankHostsAndBadModes() {
        assertThatThrownBy(() -> new Artifact("cp-1", "etc/x", "", 0644)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new Artifact("cp-1", "/etc/../root/x", "", 0644)).hasMessageContaining("'..'");
        assertThatThrownBy(() -> new Artifact(" ", "/etc/x", "", 0644)).hasMessageContaining("host");
        assertThatThrownBy(() -> new Artifact("cp-1", "/etc/x", "", 01000)).hasMessageContaining("mode");
    }

    @Test
    void planWritesEveryArtifactBelowItsHostWithItsMode(@TempDir Path dir) throws Exception {
        ControlPlanePlan plan = Scenarios.kubeadmVip();

        plan.writeTo(dir);

        Path init = dir.resolve("cp-1/etc/kubernetes/gantry/kubeadm-init.yaml");
        assertThat(init).hasContent(Scenarios.artifact(plan, "cp-1", KubeadmRenderer.INIT_PATH).content().stripTrailing());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(init))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("cp-2/etc/haproxy/haproxy.cfg")))).isEqualTo("rw-r--r--");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(plan.artifacts().size());
        }
    }
}
