package dev.gantry.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.Readiness;
import dev.gantry.test.harness.RealProcess;
import dev.gantry.test.harness.RealProcesses;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a fresh JVM, where {@link HealthServer}'s {@code sun.net.httpserver.maxReqTime} is in force,
 * more half-sent requests than there are request threads are cut off by the server, after which
 * the endpoint answers again.
 */
class HealthServerSlowlorisIT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    @Test
    void halfSentRequestsThatHoldEveryThreadAreClosedByTheServer() throws Exception {
        int port = LoopbackPorts.allocate();
        URI base = URI.create("http://127.0.0.1:" + port);
        String java = ProcessHandle.current().info().command().orElse("java");
        processes.start(RealProcess.builder("health-server")
                .command(java, "-cp", System.getProperty("java.class.path"), ServeForTest.class.getName(),
                        Integer.toString(port))
                .readiness(Readiness.httpOk(base.resolve("/healthcheck")), Duration.ofSeconds(60)));
        List<RawClient> slow = new ArrayList<>();
        try {
            for (int i = 0; i < HealthServer.THREADS + 2; i++) {
                slow.add(RawClient.connect(port).send("GET /healthcheck HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
            }

            for (RawClient client : slow) {
                client.soTimeout(60_000); // maxReqTime is 10 s; a server that never cuts them off fails here
                assertThat(closedByServer(client)).isTrue();
            }
            assertThat(new HttpProbe(base).get("/healthcheck").statusCode()).isEqualTo(200);
        } finally {
            for (RawClient client : slow) {
                client.close();
            }
        }
    }

    private static boolean closedByServer(RawClient client) throws Exception {
        try {
            return client.read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }
}
