package com.example.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.health.CheckResult;
import dev.gantry.health.Status;
import dev.gantry.health.etcd.EtcdClusterCheck;
import dev.gantry.test.HarnessEndpoints;
import dev.gantry.test.harness.EtcdCluster;
import dev.gantry.test.harness.EtcdMembers;
import dev.gantry.test.harness.RealPrograms;
import org.junit.jupiter.api.Test;

/**
 * Gantry's etcd check against real etcd clusters that {@code @RealPrograms} starts on 127.0.0.1
 * for each test and stops after it (Debian package {@code etcd-server}; without it the tests are
 * skipped, or fail under {@code CI=true}).
 */
@RealPrograms
class EtcdHarnessTest {

    @Test
    void aFreshThreeMemberClusterIsUpAndToleratesOneFailure(EtcdCluster etcd) {
        try (EtcdClusterCheck check = EtcdClusterCheck.of(HarnessEndpoints.clients(etcd))) {
            CheckResult result = check.check();

            assertThat(result.status()).as("%s", result).isEqualTo(Status.UP);
            assertThat(result.details()).containsEntry("members", 3).containsEntry("tolerates", 1);
        }
    }

    @Test
    void aSingleMemberToleratesNoFailure(@EtcdMembers(1) EtcdCluster etcd) {
        try (EtcdClusterCheck check = EtcdClusterCheck.of(HarnessEndpoints.clients(etcd))) {
            CheckResult result = check.check();

            assertThat(result.status()).as("%s", result).isEqualTo(Status.UP);
            assertThat(result.details()).containsEntry("members", 1).containsEntry("tolerates", 0);
        }
    }
}
