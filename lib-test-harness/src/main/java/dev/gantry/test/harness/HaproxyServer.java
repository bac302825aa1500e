package dev.gantry.test.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A real HAProxy on {@code 127.0.0.1} (Debian package {@code haproxy}), run in the foreground
 * ({@code -db}) with the test's own configuration and a TCP stats socket that
 * {@link #serverStatus(String)} reads, as recorded in {@code shared/research/real-components.md},
 * section 3.
 *
 * <p>The test writes every section after {@code global} (its {@code defaults}, {@code frontend}
 * and {@code backend}), binding its frontends to ports from {@link LoopbackPorts}; the harness
 * writes {@code global} with the stats socket and waits (at most 60 s) until it listens:
 *
 * <pre>{@code
 * int frontend = LoopbackPorts.allocate();
 * HaproxyServer haproxy = HaproxyServer.start(processes, String.join("\n",
 *         "defaults", "    mode http", "    timeout connect 5s", "    timeout client 30s", "    timeout server 30s",
 *         "frontend fe", "    bind 127.0.0.1:" + frontend, "    default_backend be",
 *         "backend be", "    server s1 127.0.0.1:" + backendPort + " check"));
 * Map<String, String> status = haproxy.serverStatus("be");   // {s1=UP}
 * }</pre>
 *
 * <p>Immutable once started; thread-safe.
 */
public final class HaproxyServer {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final RealProcess process;
    private final int statsPort;

    private HaproxyServer(RealProcess process, int statsPort) {
        this.process = process;
        this.statsPort = statsPort;
    }

    /**
     * Starts HAProxy with the given sections after a {@code global} section of the harness's own.
     *
     * @param processes the test's process scope, which stops HAProxy after the test
     * @param sections the configuration after {@code global}: {@code defaults}, {@code frontend},
     *     {@code backend} and so on, as HAProxy reads them
     * @return the running server
     * @throws org.opentest4j.TestAbortedException when haproxy is not installed, outside CI
     * @throws AssertionError when haproxy is not installed on CI, or does not start within 60 s
     *     (its message holds HAProxy's own complaint about the configuration)
     */
    public static HaproxyServer start(RealProcesses processes, String sections) {
        Objects.requireNonNull(processes, "processes");
        Objects.requireNonNull(sections, "sections");
        Path haproxy = Programs.require("haproxy", "haproxy");
        int statsPort = LoopbackPorts.allocate();
        String config = "global\n"
                + "    stats socket ipv4@" + LoopbackPorts.HOST + ":" + statsPort + " level admin\n"
                + sections + (sections.endsWith("\n") ? "" : "\n");
        RealProcess process = processes.start(RealProcess.builder("haproxy")
                .file("haproxy.cfg", config)
                .commandInWorkDir(dir -> List.of(haproxy.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString()))
                .readiness(Readiness.tcpPort(LoopbackPorts.HOST, statsPort), STARTUP));
        return new HaproxyServer(process, statsPort);
    }

    /**
     * The port of HAProxy's admin stats socket on {@link LoopbackPorts#HOST}.
     *
     * @return the port
     */
    public int statsPort() {
        return statsPort;
    }

    /**
     * The HAProxy process, to read its log or stop it.
     *
     * @return the process
     */
    public RealProcess process() {
        return process;
    }

    /**
     * Reads {@code show stat} from the stats socket: the status of each server of a backend.
     *
     * @param backend the backend's name in the configuration
     * @return the {@code status} column ({@code UP}, {@code DOWN}, {@code MAINT}, …) by server
     *     name; empty when the backend has no servers or does not exist
     * @throws UncheckedIOException when the socket cannot be reached or read (2 s connect, 5 s read)
     */
    public Map<String, String> serverStatus(String backend) {
        Objects.requireNonNull(backend, "backend");
        List<String> lines = showStat().lines().toList();
        if (lines.isEmpty()) {
            return Map.of();
        }
        List<String> header = Arrays.asList(lines.get(0).replaceFirst("^# ", "").split(",", -1));
        int proxy = header.indexOf("pxname");
        int server = header.indexOf("svname");
        int status = header.indexOf("status");
        if (proxy < 0 || server < 0 || status < 0) {
            throw new IllegalStateException("show stat from port " + statsPort + " has no pxname, svname and status"
                    + " columns: " + lines.get(0));
        }
        return lines.stream().skip(1).map(line -> line.split(",", -1))
                .filter(row -> row.length > Math.max(status, Math.max(proxy, server)))
                .filter(row -> row[proxy].equals(backend) && !row[server].equals("BACKEND"))
                .collect(Collectors.toUnmodifiableMap(row -> row[server], row -> row[status]));
    }

    @Override
    public String toString() {
        return "haproxy[stats " + LoopbackPorts.HOST + ":" + statsPort + ", " + process + "]";
    }

    private String showStat() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.HOST, statsPort), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            socket.getOutputStream().write("show stat\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read show stat from HAProxy's stats socket on port " + statsPort, e);
        }
    }
}
