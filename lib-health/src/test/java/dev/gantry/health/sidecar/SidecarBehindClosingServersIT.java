package dev.gantry.health.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.test.harness.LitecoinRegtest;
import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.Programs;
import dev.gantry.test.harness.Readiness;
import dev.gantry.test.harness.RealProcess;
import dev.gantry.test.harness.RealProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sidecar in front of servers that close connections on their own (issue 13 §1): a real
 * litecoind regtest node B behind a real nginx whose {@code keepalive_timeout} (1 s) is shorter
 * than the check interval, and behind a Python {@code http.server} JSON-RPC stand-in that answers
 * HTTP/1.0 and closes after each answer. Before the fix every such read was SYNC-SOURCE-DOWN
 * "unexpected end of stream"; now the sidecar goes 503 → 200 across at least 10 checks without
 * one SYNC-SOURCE-DOWN.
 */
class SidecarBehindClosingServersIT {

    @RegisterExtension
    static final RealProcesses processes = new RealProcesses();

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Each bitcoin read is two calls: getblockchaininfo and getnetworkinfo. */
    private static final int CALLS_FOR_TEN_CHECKS = 20;
    private static final Pattern POST = Pattern.compile("\"POST / HTTP/1\\.[01]\" \\d{3}");

    /** A Python stand-in, HTTP/1.0 as BaseHTTPRequestHandler speaks it by default: closes after each answer. */
    private static final String STAND_IN = String.join("\n",
            "import sys, urllib.request, urllib.error, http.server",
            "upstream = sys.argv[2]",
            "class Handler(http.server.BaseHTTPRequestHandler):",
            "    def do_POST(self):",
            "        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))",
            "        request = urllib.request.Request(upstream, data=body, headers={",
            "            'Content-Type': 'application/json',",
            "            'Authorization': self.headers.get('Authorization', '')})",
            "        try:",
            "            with urllib.request.urlopen(request, timeout=10) as answer:",
            "                status, data = answer.status, answer.read()",
            "        except urllib.error.HTTPError as error:",
            "            status, data = error.code, error.read()",
            "        self.send_response(status)",
            "        self.send_header('Content-Type', 'application/json')",
            "        self.send_header('Content-Length', str(len(data)))",
            "        self.end_headers()",
            "        self.wfile.write(data)",
            "http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), Handler).serve_forever()",
            "");

    @Test
    void behindNginxWithAShortKeepaliveTimeoutTheSidecarGoesFrom503To200WithoutSourceDown() {
        LitecoinRegtest a = LitecoinRegtest.start(processes, "nginx-reference-a");
        LitecoinRegtest b = LitecoinRegtest.start(processes, "nginx-node-b");
        Path nginx = Programs.require("nginx", "nginx");
        int port = LoopbackPorts.allocate();
        RealProcess front = processes.start(RealProcess.builder("nginx-keepalive-1s")
                .commandInWorkDir(dir -> {
                    write(dir.resolve("nginx.conf"), nginxConfig(dir, port, URI.create(b.rpcUrl()).getPort()));
                    return List.of(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                            "-e", "stderr");
                })
                .readiness(Readiness.tcpPort(LoopbackPorts.HOST, port), DEADLINE));

        goesFrom503To200(a, b, "http://127.0.0.1:" + port, "1500ms",
                () -> count(front.workDir().resolve("access.log")));
    }

    @Test
    void behindAnHttp10StandInThatClosesAfterEachAnswerTheSidecarGoesFrom503To200WithoutSourceDown() {
        LitecoinRegtest a = LitecoinRegtest.start(processes, "py-reference-a");
        LitecoinRegtest b = LitecoinRegtest.start(processes, "py-node-b");
        Path python = Programs.require("python3", "python3");
        int port = LoopbackPorts.allocate();
        RealProcess front = processes.start(RealProcess.builder("python-http10-stand-in")
                .file("stand_in.py", STAND_IN)
                .commandInWorkDir(dir -> List.of(python.toString(), dir.resolve("stand_in.py").toString(),
                        String.valueOf(port), b.rpcUrl() + "/"))
                .readiness(Readiness.tcpPort(LoopbackPorts.HOST, port), DEADLINE));

        goesFrom503To200(a, b, "http://127.0.0.1:" + port, "500ms", () -> count(front.log()));
    }

    private void goesFrom503To200(LitecoinRegtest a, LitecoinRegtest b, String url, String interval,
            IntSupplier callsThroughTheFront) {
        a.generate(20);
        int port = LoopbackPorts.allocate();
        RealProcess sidecar = SidecarProcess.start(processes, "sidecar-" + URI.create(url).getPort(), port,
                Map.of("RPC_PASSWORD", b.password().reveal(), "REFERENCE_PASSWORD", a.password().reveal()),
                List.of("--source", "bitcoin", "--url", url,
                        "--rpc-user", LitecoinRegtest.RPC_USER, "--rpc-password-env", "RPC_PASSWORD",
                        "--reference", a.rpcUrl(), "--reference-rpc-user", LitecoinRegtest.RPC_USER,
                        "--reference-rpc-password-env", "REFERENCE_PASSWORD",
                        "--interval", interval, "--min-peers", "0"));
        URI healthcheck = URI.create("http://" + LoopbackPorts.HOST + ":" + port + "/healthcheck");
        Set<String> reasons = ConcurrentHashMap.newKeySet();
        Function<HealthAnswer, HealthAnswer> seen = answer -> {
            reasons.add(answer.status() + " " + answer.reason());
            return answer;
        };

        await("B behind A for ten checks through the front server").atMost(DEADLINE).pollInterval(POLL)
                .ignoreExceptions().until(() -> seen.apply(HealthAnswer.get(healthcheck)),
                        answer -> answer.status() == 503 && callsThroughTheFront.getAsInt() >= CALLS_FOR_TEN_CHECKS);
        b.addNode(a);
        HealthAnswer caughtUp = await("B caught up with A").atMost(DEADLINE).pollInterval(POLL).ignoreExceptions()
                .until(() -> seen.apply(HealthAnswer.get(healthcheck)), answer -> answer.status() == 200);

        assertThat(caughtUp.reason()).isEqualTo("SYNC-OK");
        assertThat(reasons).anyMatch(reason -> reason.startsWith("503 "))
                .noneMatch(reason -> reason.contains("SYNC-SOURCE-DOWN"));
        assertThat(sidecar.log()).doesNotContain("SYNC-SOURCE-DOWN", "unexpected end of stream");
    }

    private static String nginxConfig(Path dir, int port, int upstream) {
        return String.join("\n",
                "user root;",
                "daemon off;",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log stderr;",
                "events { worker_connections 64; }",
                "http {",
                "  access_log " + dir.resolve("access.log") + ";",
                "  client_body_temp_path " + dir.resolve("body") + ";",
                "  proxy_temp_path " + dir.resolve("proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("scgi") + ";",
                "  keepalive_timeout 1s;",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    location / { proxy_pass http://127.0.0.1:" + upstream + "; }",
                "  }",
                "}",
                "");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(Path log) {
        try {
            return Files.exists(log) ? count(Files.readString(log)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String log) {
        return (int) POST.matcher(log).results().count();
    }
}
