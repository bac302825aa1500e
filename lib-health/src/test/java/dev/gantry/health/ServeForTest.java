package dev.gantry.health;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * Serves an always-ready {@link HealthService} on {@code 127.0.0.1:<port>} in a JVM of its own,
 * so that the JDK HTTP server's JVM-wide limits are the ones {@link HealthServer} sets. Runs until
 * killed.
 */
final class ServeForTest {

    private ServeForTest() {
    }

    public static void main(String[] args) throws InterruptedException {
        HealthService service = HealthService.builder().readiness("node", CheckResult::up).build().start();
        HealthServer server = HealthServer.start(service, new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
        System.out.println("serving " + server.uri());
        new CountDownLatch(1).await();
    }
}
