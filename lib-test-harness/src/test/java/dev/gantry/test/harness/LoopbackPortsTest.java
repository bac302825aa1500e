package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void allocatesTheRequestedNumberOfDistinctPorts() {
        List<Integer> ports = LoopbackPorts.allocate(20);

        assertThat(ports).hasSize(20).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(1, 65_535));
    }

    @Test
    void neverHandsOutAPortTwiceInOneJvm() {
        List<Integer> first = LoopbackPorts.allocate(10);
        List<Integer> second = LoopbackPorts.allocate(10);
        int third = LoopbackPorts.allocate();

        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(third).isNotIn(first).isNotIn(second);
    }

    @Test
    void handsOutPortsThatAreFreeOnTheLoopbackAddress() throws IOException {
        int port = LoopbackPorts.allocate();

        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LoopbackPorts.HOST), port));
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void rejectsACountBelowOne() {
        assertThatThrownBy(() -> LoopbackPorts.allocate(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
