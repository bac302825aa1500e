package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.GantryException;
import dev.gantry.core.workflow.Retry;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EtcdErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"level\":\"warn\",\"msg\":\"retrying of unary invoker failed\",\"error\":\"rpc error: code = Unavailable desc = etcdserver: leader changed\"}",
        "error execution phase control-plane-join/etcd: etcdserver: too many learner members in cluster",
        "Error: etcdserver: request timed out",
        "ssh: connect to host 10.0.1.12 port 22: Connection refused",
        "dial tcp 127.0.0.1:2379: connect: connection refused",
    })
    void recognisesKnownTransientFailures(String message) {
        assertThat(EtcdErrors.isTransient(new GantryException(message))).isTrue();
        assertThat(EtcdErrors.isQuorumLoss(new GantryException(message))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"errors\":[\"etcdserver: no leader\"]}",
        "Error: etcdserver: unhealthy cluster",
    })
    void quorumLossIsNeverTransient(String message) {
        assertThat(EtcdErrors.isQuorumLoss(new GantryException(message))).isTrue();
        assertThat(EtcdErrors.isTransient(new GantryException(message + "; etcdserver: leader changed"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1:23792 is unhealthy: failed to commit proposal: context deadline exceeded",
        "mkdir: cannot create directory '/var/lib/etcd': Permission denied",
        "[ERROR Port-6443]: Port 6443 is in use",
    })
    void otherFailuresAreNotRetried(String message) {
        assertThat(EtcdErrors.isTransient(new GantryException(message))).isFalse();
    }

    @Test
    void looksThroughTheCauseChain() {
        Throwable failure = new GantryException("step failed",
                new UncheckedIOException(new IOException("Connection refused")));

        assertThat(EtcdErrors.isTransient(failure)).isTrue();
    }

    @Test
    void itsRetryRetriesTransientFailuresButStopsAtOnceOnQuorumLoss() {
        Retry retry = EtcdErrors.retry(5, Duration.ZERO);

        assertThat(retry.retries(new GantryException("Error: etcdserver: leader changed"))).isTrue();
        assertThat(retry.retries(new GantryException("Error: etcdserver: no leader (etcdserver: request timed out)")))
                .isFalse();
        assertThat(retry.retries(new GantryException("permission denied"))).isFalse();
    }

    @Test
    void aWorkflowStepWithItsRetryRunsOnceOnQuorumLoss() {
        AtomicInteger calls = new AtomicInteger();
        Step put = Step.of("put", ctx -> false, ctx -> {
            calls.incrementAndGet();
            throw new GantryException("Error: etcdserver: unhealthy cluster");
        }).withRetry(EtcdErrors.retry(5, Duration.ZERO));

        assertThat(Workflow.of(put).run().failedStep()).contains("put");
        assertThat(calls).hasValue(1);
    }
}
