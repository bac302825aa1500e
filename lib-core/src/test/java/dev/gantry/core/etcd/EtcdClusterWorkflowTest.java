package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.exec.Host;
import dev.gantry.core.workflow.Step;
import org.junit.jupiter.api.Test;

class EtcdClusterWorkflowTest {

    private static final Host LAB = Host.of("lab", "127.0.0.1");
    private static final EtcdMemberSpec E1 = EtcdMemberSpec.of("e1", LAB, 23791, 23801, "/tmp/etcd/e1");
    private static final EtcdMemberSpec E2 = EtcdMemberSpec.of("e2", LAB, 23792, 23802, "/tmp/etcd/e2");

    private final EtcdClusterWorkflow cluster = EtcdClusterWorkflow.builder().member(E1).member(E2)
            .stateDir("/tmp/etcd/state").build();

    @Test
    void plansSettingsAndStartPerMemberThenTheClusterChecks() {
        assertThat(cluster.workflow().steps()).extracting(Step::name).containsExactly(
                "etcd e1: write settings", "etcd e1: start",
                "etcd e2: write settings", "etcd e2: start",
                "etcd cluster: healthy", "etcd cluster: membership");
        assertThat(cluster.initialCluster()).isEqualTo("e1=http://127.0.0.1:23801,e2=http://127.0.0.1:23802");
        assertThat(cluster.endpoints()).isEqualTo("http://127.0.0.1:23791,http://127.0.0.1:23792");
        assertThat(cluster.pidFile(E2)).isEqualTo("/tmp/etcd/state/e2.pid");
    }

    @Test
    void writesTheSettingsAsEtcdEnvironmentVariables() {
        MemberFiles files = MemberFiles.of(E1, "/tmp/etcd/state", "/usr/bin/etcd", cluster.initialCluster(), "tok");

        assertThat(files.envContent()).contains(
                "ETCD_NAME=e1\n",
                "ETCD_DATA_DIR=/tmp/etcd/e1\n",
                "ETCD_LISTEN_CLIENT_URLS=http://127.0.0.1:23791\n",
                "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://127.0.0.1:23801\n",
                "ETCD_INITIAL_CLUSTER=e1=http://127.0.0.1:23801,e2=http://127.0.0.1:23802\n",
                "ETCD_INITIAL_CLUSTER_STATE=new\n",
                "ETCD_INITIAL_CLUSTER_TOKEN=tok\n");
        assertThat(files.scriptContent()).startsWith("#!/bin/sh\n").contains(". /tmp/etcd/state/e1.env\n")
                .endsWith("exec /usr/bin/etcd\n");
    }

    @Test
    void rejectsMembersThatCollideOnAHost() {
        EtcdMemberSpec samePort = EtcdMemberSpec.of("e3", LAB, 23791, 23803, "/tmp/etcd/e3");
        EtcdMemberSpec sameDir = EtcdMemberSpec.of("e3", LAB, 23793, 23803, "/tmp/etcd/e1");

        assertThatThrownBy(() -> EtcdClusterWorkflow.builder().member(E1).member(samePort))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share a port or data directory");
        assertThatThrownBy(() -> EtcdClusterWorkflow.builder().member(E1).member(sameDir))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EtcdClusterWorkflow.builder().member(E1).member(E1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two etcd members are named e1");
        assertThatThrownBy(() -> EtcdClusterWorkflow.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void validatesMembers() {
        assertThatThrownBy(() -> EtcdMemberSpec.of("e 1", LAB, 1, 2, "/d")).hasMessageContaining("member name");
        assertThatThrownBy(() -> EtcdMemberSpec.of("e1", LAB, 2379, 2379, "/d")).hasMessageContaining("for clients and peers");
        assertThatThrownBy(() -> EtcdMemberSpec.of("e1", LAB, 2379, 2380, "data")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> EtcdMemberSpec.of("e1", LAB, 0, 2380, "/d")).hasMessageContaining("out of range");
    }
}
