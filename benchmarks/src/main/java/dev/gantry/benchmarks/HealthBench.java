package dev.gantry.benchmarks;

import dev.gantry.health.CheckResult;
import dev.gantry.health.HealthCheck;
import dev.gantry.health.HealthServer;
import dev.gantry.health.HealthService;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * Serves a HealthService on 127.0.0.1 for health-wrk.sh. Not part of any published artifact.
 *
 * <p>Usage: {@code java -cp <benchmarks classpath> dev.gantry.benchmarks.HealthBench fast|slow|jdk <port>}.
 * In {@code slow} mode the check sleeps 2 s per run, like a node whose RPC answers slowly; the
 * endpoint still only reads the latest snapshot. {@code jdk} serves a static body from a bare JDK
 * HTTP server with the same thread count and TCP_NODELAY, the ceiling of any endpoint built on it.
 * Runs until killed.
 */
public final class HealthBench {

    private HealthBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !(args[0].equals("fast") || args[0].equals("slow") || args[0].equals("jdk"))) {
            System.err.println("usage: HealthBench fast|slow|jdk <port>");
            System.exit(2);
        }
        if (args[0].equals("jdk")) {
            bareJdkServer(Integer.parseInt(args[1]));
            return;
        }
        Duration checkTakes = args[0].equals("slow") ? Duration.ofSeconds(2) : Duration.ZERO;
        int port = Integer.parseInt(args[1]);
        HealthCheck node = () -> {
            try {
                Thread.sleep(checkTakes.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.up().withReason("SYNC-OK").withDetail(CheckResult.HEIGHT, 1_000_000L)
                    .withDetail(CheckResult.NETWORK_HEIGHT, 1_000_000L).withDetail(CheckResult.LAG, 0L);
        };
        // the interval is longer than the slow check, so runs never overlap
        HealthService service = HealthService.builder().readiness("node", node).interval(Duration.ofSeconds(3))
                .timeout(Duration.ofMillis(2_500)).build().start();
        HealthServer server = HealthServer.start(service, new InetSocketAddress("127.0.0.1", port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            service.close();
        }));
        System.out.println("serving " + server.uri() + " (" + args[0] + " check)");
        new CountDownLatch(1).await();
    }

    private static void bareJdkServer(int port) throws InterruptedException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] body = "{\"status\":\"UP\",\"ready\":true}".getBytes(StandardCharsets.UTF_8);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("serving http://127.0.0.1:" + port + " (bare JDK server)");
        new CountDownLatch(1).await();
    }
}
