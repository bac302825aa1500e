package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.core.Inventory;
import dev.gantry.core.ProviderKind;
import dev.gantry.test.harness.Programs;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the rendered HAProxy and keepalived configurations with the real programs' own config
 * checkers: {@code haproxy -c -f} (Debian package haproxy 2.6) and {@code keepalived -t -f}
 * (Debian package keepalived 2.2). Neither check starts a daemon or binds a port.
 */
class LoadBalancerConfigIT {

    private static final long TIMEOUT_SECONDS = 60;

    private static Path haproxy;
    private static Path keepalived;

    @TempDir
    Path dir;

    /** What a checker printed and how it exited. */
    private record Checked(int exit, String output) {}

    @BeforeAll
    static void findPrograms() {
        haproxy = Programs.require("haproxy", "haproxy");
        keepalived = Programs.require("keepalived", "keepalived");
    }

    @Test
    void haproxyAcceptsTheRenderedIpv4Config() throws Exception {
        Checked result = haproxyCheck(config(Scenarios.kubeadmVip(), HaproxyRenderer.PATH));

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("Configuration file is valid");
    }

    @Test
    void haproxyAcceptsTheRenderedIpv6Config() throws Exception {
        Checked result = haproxyCheck(config(Scenarios.kubeadmVipIpv6(), HaproxyRenderer.PATH));

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void haproxyAcceptsTheRenderedK3sConfigWithItsTlsCheck() throws Exception {
        String config = config(Scenarios.k3sVip(), HaproxyRenderer.PATH);

        Checked result = haproxyCheck(config);

        assertThat(config).doesNotContain("httpchk");
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void haproxyCheckRejectsABrokenConfig() throws Exception {
        String broken = config(Scenarios.kubeadmVip(), HaproxyRenderer.PATH).replace("verify none", "verify nobody");

        Checked result = haproxyCheck(broken);

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("nobody");
    }

    @Test
    void keepalivedAcceptsEveryMastersMulticastConfig() throws Exception {
        ControlPlanePlan plan = plan(Fixtures.oneSubnet(), "10.0.1.10", "10.0.1.10:8443");

        for (String master : List.of("cp-1", "cp-2", "cp-3")) {
            Checked result = keepalivedCheck(Scenarios.artifact(plan, master, KeepalivedRenderer.PATH).content());
            assertThat(result.exit()).as(master + ": " + result.output()).isZero();
        }
    }

    @Test
    void keepalivedAcceptsTheUnicastConfigOfCloudMasters() throws Exception {
        Inventory cloud = new Inventory(Fixtures.oneSubnet().controlPlanes().stream()
                .map(m -> m.withProvider(ProviderKind.CLOUD_VM)).toList());
        String config = Scenarios.artifact(plan(cloud, "10.0.1.10", "10.0.1.10:8443"), "cp-2",
                KeepalivedRenderer.PATH).content();

        Checked result = keepalivedCheck(config);

        assertThat(config).contains("unicast_peer");
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void keepalivedAcceptsAnIpv6Vip() throws Exception {
        Inventory v6 = new Inventory(List.of(Fixtures.master("cp-1", "fd00:0:0:1::11", "a"),
                Fixtures.master("cp-2", "fd00:0:0:1::12", "b"), Fixtures.master("cp-3", "fd00:0:0:1::13", "c")));
        String config = Scenarios.artifact(plan(v6, "fd00:0:0:1::10", "[fd00:0:0:1::10]:8443"), "cp-1",
                KeepalivedRenderer.PATH).content();

        Checked result = keepalivedCheck(config);

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void keepalivedAcceptsTheK3sConfig() throws Exception {
        ControlPlanePlan plan = ControlPlanePlanner.plan(Fixtures.oneSubnet(), Fixtures.k3s("10.0.1.10:8443")
                .withVip("10.0.1.10", localInterface()), HaPolicy.ofDefaults());

        Checked result = keepalivedCheck(Scenarios.artifact(plan, "cp-1", KeepalivedRenderer.PATH).content());

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void keepalivedCheckRejectsABrokenConfig() throws Exception {
        String broken = Scenarios.artifact(plan(Fixtures.oneSubnet(), "10.0.1.10", "10.0.1.10:8443"), "cp-1",
                KeepalivedRenderer.PATH).content().replace("priority 101", "priority 300");

        Checked result = keepalivedCheck(broken);

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("300");
    }

    /** A plan whose VIP is announced on a network interface this machine has, as keepalived -t requires. */
    private static ControlPlanePlan plan(Inventory inventory, String vip, String endpoint) throws SocketException {
        return ControlPlanePlanner.plan(inventory, Fixtures.kubeadm(endpoint).withVip(vip, localInterface()),
                HaPolicy.ofDefaults());
    }

    private static String localInterface() throws SocketException {
        Optional<String> name = NetworkInterface.networkInterfaces()
                .filter(LoadBalancerConfigIT::usable)
                .map(NetworkInterface::getName)
                .filter(n -> n.matches("[A-Za-z0-9_.:-]{1,15}"))
                .sorted()
                .findFirst();
        assumeTrue(name.isPresent(), "keepalived -t needs a non-loopback network interface that is up");
        return name.get();
    }

    private static boolean usable(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback() && !nic.isVirtual();
        } catch (SocketException e) {
            return false;
        }
    }

    private static String config(ControlPlanePlan plan, String path) {
        return Scenarios.artifact(plan, "cp-1", path).content();
    }

    private Checked haproxyCheck(String config) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), config);
        return run(List.of(haproxy.toString(), "-c", "-f", file.toString()));
    }

    private Checked keepalivedCheck(String config) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), config);
        return run(List.of(keepalived.toString(), "-t", "-f", file.toString()));
    }

    private Checked run(List<String> command) throws IOException, InterruptedException {
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Checked(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
