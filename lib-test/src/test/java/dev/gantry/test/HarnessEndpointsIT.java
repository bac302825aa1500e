package dev.gantry.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.health.CheckResult;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.Status;
import dev.gantry.health.etcd.EtcdClusterCheck;
import dev.gantry.health.sync.SyncSource;
import dev.gantry.health.sync.SyncStatus;
import dev.gantry.test.harness.EtcdCluster;
import dev.gantry.test.harness.EtcdMembers;
import dev.gantry.test.harness.EtcdTlsCluster;
import dev.gantry.test.harness.LitecoinRegtest;
import dev.gantry.test.harness.RealPrograms;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bridge from the harness's real programs to Gantry's endpoints, against real litecoind and etcd. */
@RealPrograms
class HarnessEndpointsIT {

    @Test
    void aSyncSourceReadsTheHeightOfAnInjectedLitecoindThroughItsRpcEndpoint(LitecoinRegtest node) {
        node.generate(5);
        HttpEndpoint rpc = HarnessEndpoints.rpc(node);

        SyncStatus status = SyncSource.bitcoin(rpc).read();

        assertThat(status.height()).isEqualTo(5);
        assertThat(rpc.toString()).doesNotContain(node.password().reveal());
    }

    @Test
    void anEtcdCheckSeesAnInjectedClusterUpThroughItsClientEndpoints(@EtcdMembers(3) EtcdCluster etcd) {
        try (EtcdClusterCheck check = EtcdClusterCheck.of(HarnessEndpoints.clients(etcd))) {
            CheckResult result = check.check();

            assertThat(result.status()).as("%s", result).isEqualTo(Status.UP);
            assertThat(result.details()).containsEntry("members", 3).containsEntry("healthy", 3);
        }
    }

    @Test
    void anEtcdCheckSeesAnInjectedTlsClusterUpWithItsCaAndClientCertificate(@EtcdMembers(1) EtcdTlsCluster etcd)
            throws Exception {
        List<HttpEndpoint> clients = HarnessEndpoints.clients(etcd);
        try (EtcdClusterCheck check = EtcdClusterCheck.of(clients)) {
            CheckResult result = check.check();

            assertThat(result.status()).as("%s", result).isEqualTo(Status.UP);
            assertThat(clients).singleElement().satisfies(client -> {
                assertThat(client.url().getScheme()).isEqualTo("https");
                assertThat(client.tls().caBundlePem()).hasValue(Files.readString(etcd.caBundle()));
                assertThat(client.toString()).doesNotContain(keyBody(etcd));
            });
        }
    }

    /** The first base64 line of the client key, which no toString may show. */
    private static String keyBody(EtcdTlsCluster etcd) throws Exception {
        return Files.readAllLines(etcd.clientKey()).get(1);
    }
}
