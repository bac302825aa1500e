package dev.gantry.test.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One litecoind regtest node started by a test (Debian package {@code litecoind}), with its own
 * datadir, RPC port, P2P port and onion-target port, and a random RPC password.
 *
 * <p>Flags as recorded in {@code shared/research/real-components.md}, section 1: MWEB is never
 * activated ({@code -vbparams=mweb:-2:0}, so mining past height 431 works; every node of a test
 * network must use it), each node has its own {@code -bind=…=onion} (0.21 otherwise binds
 * 127.0.0.1:19444 for every node), no wallet (blocks are mined to a fixed regtest address), no
 * DNS seeds and no peers until {@link #addNode(LitecoinRegtest)}. {@code -rpcservertimeout=2}
 * closes idle keep-alive RPC connections after 2 s: litecoind 0.21 waits for every open one
 * before it exits on SIGTERM, and the sync sources' OkHttp pool keeps them open for minutes.
 *
 * <p>A test gets one as a parameter through {@link RealPrograms}, or starts one through
 * {@link RealProcesses}; either way it is stopped after the test:
 *
 * <pre>{@code
 * LitecoinRegtest a = LitecoinRegtest.start(processes, "a");
 * LitecoinRegtest b = LitecoinRegtest.start(processes, "b");
 * a.generate(20);
 * b.addNode(a);
 * }</pre>
 *
 * <p>Thread-safe: every RPC call uses its own connection.
 */
public final class LitecoinRegtest {

    /** A regtest P2PKH address (version byte 111, as on Bitcoin's testnet); no wallet needed to mine to it. */
    public static final String MINING_ADDRESS = "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn";
    /** The RPC user of every node the harness starts. */
    public static final String RPC_USER = "gantry";

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong IDS = new AtomicLong();

    private final RealProcess process;
    private final int rpcPort;
    private final int p2pPort;
    private final MaskedPassword password;

    private LitecoinRegtest(RealProcess process, int rpcPort, int p2pPort, MaskedPassword password) {
        this.process = process;
        this.rpcPort = rpcPort;
        this.p2pPort = p2pPort;
        this.password = password;
    }

    /**
     * Starts a node and waits (at most 60 s) until its RPC answers {@code getblockcount}.
     *
     * @param processes the test's process scope, which stops the node after the test
     * @param name a short name for the log file, e.g. {@code a}: letters, digits, {@code . _ -}
     * @return the running node, at height 0
     * @throws org.opentest4j.TestAbortedException when litecoind is not installed, outside CI
     * @throws AssertionError when litecoind is not installed on CI, or its RPC does not answer in time
     */
    public static LitecoinRegtest start(RealProcesses processes, String name) {
        Objects.requireNonNull(processes, "processes");
        Path litecoind = Programs.require("litecoind", "litecoind");
        List<Integer> ports = LoopbackPorts.allocate(3);
        int rpcPort = ports.get(0);
        int p2pPort = ports.get(1);
        int onionPort = ports.get(2);
        MaskedPassword password = MaskedPassword.random();
        RealProcess process = processes.start(RealProcess.builder("litecoind-" + name)
                .commandInWorkDir(dir -> List.of(litecoind.toString(), "-regtest", "-server", "-listen",
                        "-listenonion=0", "-rpcbind=" + LoopbackPorts.HOST, "-rpcallowip=" + LoopbackPorts.HOST,
                        "-rpcuser=" + RPC_USER, "-rpcpassword=" + password.reveal(), "-printtoconsole=1",
                        "-dnsseed=0", "-discover=0", "-upnp=0", "-disablewallet", "-vbparams=mweb:-2:0",
                        "-rpcservertimeout=2",
                        "-datadir=" + dir, "-port=" + p2pPort, "-rpcport=" + rpcPort,
                        "-bind=" + LoopbackPorts.HOST + ":" + p2pPort,
                        "-bind=" + LoopbackPorts.HOST + ":" + onionPort + "=onion"))
                .stopGrace(Duration.ofSeconds(10))
                .readiness(Readiness.of("litecoind RPC answers getblockcount on port " + rpcPort, p -> {
                    new LitecoinRegtest(p, rpcPort, p2pPort, password).call("getblockcount");
                    return true;
                }), STARTUP));
        return new LitecoinRegtest(process, rpcPort, p2pPort, password);
    }

    /**
     * The address the node's RPC and P2P ports listen on.
     *
     * @return {@link LoopbackPorts#HOST}
     */
    public String host() {
        return LoopbackPorts.HOST;
    }

    /**
     * The node's JSON-RPC port on {@link #host()}.
     *
     * @return the port
     */
    public int rpcPort() {
        return rpcPort;
    }

    /**
     * The node's P2P port on {@link #host()}, which other nodes connect to.
     *
     * @return the port
     */
    public int p2pPort() {
        return p2pPort;
    }

    /**
     * The RPC base URL.
     *
     * @return such as {@code http://127.0.0.1:41234}
     */
    public String rpcUrl() {
        return "http://" + LoopbackPorts.HOST + ":" + rpcPort;
    }

    /**
     * The RPC user, the same for every node.
     *
     * @return {@link #RPC_USER}
     */
    public String rpcUser() {
        return RPC_USER;
    }

    /**
     * The node's random RPC password, which prints as {@code ****}.
     *
     * @return the password
     */
    public MaskedPassword password() {
        return password;
    }

    /**
     * The litecoind process, to stop or kill it.
     *
     * @return the process
     */
    public RealProcess process() {
        return process;
    }

    /**
     * Calls one RPC method.
     *
     * @param method e.g. {@code getblockcount}
     * @param params the positional parameters: strings, numbers or booleans
     * @return the {@code result} of the answer
     * @throws IllegalStateException when the node answers with an error
     * @throws UncheckedIOException when the call fails or times out (30 s)
     */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "1.0").put("id", IDS.incrementAndGet())
                .put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object param : params) {
            array.addPOJO(param);
        }
        RpcAnswer response = post(JSON.writeValueAsString(request));
        if (response.body().isEmpty()) {
            throw new IllegalStateException(process.name() + ": " + method + " answered HTTP " + response.status()
                    + " without a body");
        }
        JsonNode answer = JSON.readTree(response.body());
        if (!answer.path("error").isNull() && !answer.path("error").isMissingNode()) {
            throw new IllegalStateException(process.name() + ": " + method + " failed: " + answer.path("error"));
        }
        return answer.path("result");
    }

    /** A status code and a body. */
    private record RpcAnswer(int status, String body) {
    }

    /**
     * POSTs over HTTP/1.0 on a fresh connection that the node closes after answering: a pooled
     * keep-alive connection would hold up litecoind's shutdown (see {@code -rpcservertimeout}).
     */
    private RpcAnswer post(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String auth = Base64.getEncoder().encodeToString((RPC_USER + ":" + password.reveal())
                .getBytes(StandardCharsets.UTF_8));
        String head = "POST / HTTP/1.0\r\nHost: " + LoopbackPorts.HOST + ":" + rpcPort + "\r\nAuthorization: Basic "
                + auth + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.HOST, rpcPort), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) RPC_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            String statusLine = answer.lines().findFirst().orElse("");
            String[] words = statusLine.split(" ");
            if (split < 0 || words.length < 2 || !words[1].matches("\\d{3}")) {
                throw new IllegalStateException(process.name() + ": not an HTTP answer: " + statusLine);
            }
            return new RpcAnswer(Integer.parseInt(words[1]), answer.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(process.name() + ": RPC call to port " + rpcPort + " failed", e);
        }
    }

    /**
     * Reads the node's height ({@code getblockcount}).
     *
     * @return the number of blocks after genesis
     */
    public long blockCount() {
        return call("getblockcount").asLong();
    }

    /**
     * Counts the node's connected peers ({@code getconnectioncount}).
     *
     * @return the number of peers
     */
    public int connections() {
        return call("getconnectioncount").asInt();
    }

    /**
     * Mines blocks to {@link #MINING_ADDRESS}; about 400 blocks a second.
     *
     * @param blocks how many
     */
    public void generate(int blocks) {
        call("generatetoaddress", blocks, MINING_ADDRESS);
    }

    /**
     * Connects to another node once ({@code addnode … onetry}); the node then downloads whatever
     * the other has and it lacks, and keeps relaying new blocks.
     *
     * @param other the node to connect to
     */
    public void addNode(LitecoinRegtest other) {
        call("addnode", LoopbackPorts.HOST + ":" + other.p2pPort, "onetry");
    }

    /**
     * Turns all P2P networking on or off ({@code setnetworkactive}); off drops every peer, so the
     * node stops following the chain until turned on and connected again.
     *
     * @param active whether the node may talk to peers
     */
    public void setNetworkActive(boolean active) {
        call("setnetworkactive", active);
    }

    @Override
    public String toString() {
        return process.name() + "[rpc " + rpcUrl() + ", p2p " + p2pPort + "]";
    }
}
