package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class StepFailedExceptionTest {

    @Test
    void namesTheStepAtTheStartOfTheMessageAndKeepsTheCause() {
        IOException cause = new IOException("connection reset");

        StepFailedException e = new StepFailedException("kubeadm-init cp-1", "exit 1: port 6443 in use", cause);

        assertThat(e.step()).isEqualTo("kubeadm-init cp-1");
        assertThat(e).isInstanceOf(GantryException.class)
                .hasMessage("step 'kubeadm-init cp-1' failed: exit 1: port 6443 in use")
                .hasCause(cause);
    }

    @Test
    void mayHaveNoCause() {
        assertThat(new StepFailedException("wait-etcd", "timed out after 2m")).hasNoCause();
        assertThat(new StepFailedException("wait-etcd", "timed out after 2m", null)).hasNoCause();
    }
}
