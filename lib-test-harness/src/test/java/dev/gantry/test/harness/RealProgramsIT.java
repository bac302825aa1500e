package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@link RealPrograms} with real programs, through the real JUnit engine: the nested class is run by
 * {@link EngineTestKit} only, and what it was given is checked after its run.
 */
class RealProgramsIT {

    private static final List<SshServer> GIVEN = new ArrayList<>();
    private static final List<EtcdTlsCluster> GIVEN_ETCD = new ArrayList<>();

    @RealPrograms
    static class UsesSshd {
        @Test
        void getsARunningSshd(SshServer sshd) throws IOException {
            GIVEN.add(sshd);
            connect(sshd.port());
            assertThat(sshd.process().isAlive()).isTrue();
            assertThat(Files.readString(sshd.knownHosts())).startsWith("[127.0.0.1]:" + sshd.port() + " ssh-ed25519 ");
        }
    }

    @RealPrograms
    static class UsesEtcdOverTls {
        @Test
        void getsAMutualTlsMember(@EtcdMembers(1) EtcdTlsCluster etcd) throws IOException {
            GIVEN_ETCD.add(etcd);
            assertThat(etcd.member(0).isAlive()).isTrue();
            assertThat(Files.readString(etcd.clientKey())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        }
    }

    @Test
    void injectsAStartedSshdAndStopsItAfterTheTestSoItsPortIsClosed() {
        GIVEN.clear();

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(UsesSshd.class)).execute();

        assertThat(results.testEvents().succeeded().count()).as("%s", results.testEvents().list()).isEqualTo(1);
        SshServer sshd = GIVEN.get(0);
        assertThat(sshd.process().isAlive()).isFalse();
        assertThat(sshd.process().workDir()).doesNotExist();
        assertThat(sshd.clientKey()).as("no private key outlives the test").doesNotExist();
        assertThatThrownBy(() -> connect(sshd.port())).isInstanceOf(ConnectException.class);
    }

    @Test
    void injectsATlsEtcdClusterAndDeletesItsKeysAfterTheTest() {
        GIVEN_ETCD.clear();

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(UsesEtcdOverTls.class)).execute();

        assertThat(results.testEvents().succeeded().count()).as("%s", results.testEvents().list()).isEqualTo(1);
        EtcdTlsCluster etcd = GIVEN_ETCD.get(0);
        assertThat(etcd.member(0).isAlive()).isFalse();
        assertThat(etcd.member(0).workDir()).doesNotExist();
        assertThat(etcd.clientKey()).as("no private key outlives the test").doesNotExist();
        assertThat(etcd.caBundle().getParent()).as("the cluster's PKI directory").doesNotExist();
        assertThat(serverKeys(etcd)).isNotEmpty().allSatisfy(key -> assertThat(key).doesNotExist());
    }

    /** The members' key files, as their command lines name them. */
    private static List<Path> serverKeys(EtcdTlsCluster etcd) {
        List<Path> keys = new ArrayList<>();
        for (int i = 0; i < etcd.size(); i++) {
            List<String> command = etcd.member(i).command();
            keys.add(Path.of(command.get(command.indexOf("--key-file") + 1)));
        }
        return keys;
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 2_000);
        }
    }
}
