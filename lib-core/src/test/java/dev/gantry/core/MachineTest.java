package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MachineTest {

    private static final Machine CP1 = Machine.of("cp-1", "10.0.1.11", Role.CONTROL_PLANE);

    @Test
    void startsFromDefaults() {
        assertThat(CP1.failureDomain()).isEqualTo(Machine.UNSPECIFIED_FAILURE_DOMAIN).isEqualTo("unspecified");
        assertThat(CP1.provider()).isEqualTo(ProviderKind.BARE_METAL);
        assertThat(CP1.ssh()).isEqualTo(SshAccess.ofDefaults()).isEqualTo(SshAccess.of("root", 22));
        assertThat(CP1.labels()).isEmpty();
        assertThat(CP1.disks()).isEmpty();
    }

    @Test
    void variesThroughWithCopies() {
        Machine m = CP1.withFailureDomain("eu-west-1a")
                .withProvider(ProviderKind.CLOUD_VM)
                .withSsh(SshAccess.of("ubuntu", 2222))
                .withLabel("tier", "masters")
                .withLabel("example.com/rack", "r1")
                .withDisks(List.of("nvme0n1", "/dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T123456"));

        assertThat(m).isEqualTo(new Machine("cp-1", "10.0.1.11", Role.CONTROL_PLANE, "eu-west-1a",
                ProviderKind.CLOUD_VM, SshAccess.of("ubuntu", 2222),
                Map.of("tier", "masters", "example.com/rack", "r1"),
                List.of("nvme0n1", "/dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T123456")));
        assertThat(m.labels().keySet()).containsExactly("tier", "example.com/rack");
        assertThat(CP1.labels()).isEmpty();
        assertThat(m.withLabels(Map.of()).labels()).isEmpty();
    }

    @Test
    void copiesAndFreezesItsCollections() {
        Map<String, String> labels = new LinkedHashMap<>(Map.of("tier", "masters"));
        Machine m = CP1.withLabels(labels);
        labels.put("extra", "x");

        assertThat(m.labels()).containsOnlyKeys("tier");
        assertThatThrownBy(() -> m.labels().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.disks().add("sdb")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.1.11", "0.0.0.0", "255.255.255.255", "::1", "::", "fd00::11",
        "2001:db8:0:0:0:0:0:1", "2001:DB8::8:800:200C:417A", "::ffff:10.0.0.1", "64:ff9b::192.0.2.33",
        "cp-1", "cp-1.example.com", "CP-1.Example.COM", "host.does-not-exist.invalid", "1host.example"})
    void acceptsIpLiteralsAndHostNamesWithoutResolvingThem(String address) {
        assertThat(Machine.of("m", address, Role.WORKER).address()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.1.256", "10.0.1", "010.0.0.1", "10.0.0.1.", "1:2:3", "1::2::3",
        "fe80::1%eth0", "[::1]", "12345::", "1:2:3:4:5:6:7:8:9", "::ffff:10.0.0.256", "-host", "host-",
        "bad host", "host_name", "host..example", "a.b.c.123", "10.0.0.1:22", "http://cp-1"})
    void rejectsAnythingElseAsAnAddress(String address) {
        assertThatThrownBy(() -> Machine.of("m", address, Role.WORKER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid")
                .hasMessageContaining("(expected an IPv4 address like 10.0.1.11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cp-1", "a", "0", "worker-3.dc1", "node.example.com"})
    void acceptsDnsSubdomainNames(String name) {
        assertThat(Machine.of(name, "10.0.0.1", Role.WORKER).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CP-1", "cp_1", "-cp", "cp-", "cp..1", "cp 1", "ü"})
    void rejectsOtherNames(String name) {
        assertThatThrownBy(() -> Machine.of(name, "10.0.0.1", Role.WORKER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid machine name (expected lower-case letters");
    }

    @Test
    void rejectsNamesLongerThan253Characters() {
        String name = ("a".repeat(63) + ".").repeat(4).substring(0, 254);

        assertThatThrownBy(() -> Machine.of(name, "10.0.0.1", Role.WORKER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nvme0n1", "sdb", "vdc", "xvdf", "md0", "dm-0", "/dev/sdb",
        "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4", "/dev/disk/by-path/pci-0000:00:1f.2-ata-1"})
    void acceptsDeviceNamesAndDevPaths(String disk) {
        assertThat(CP1.withDisks(List.of(disk)).disks()).containsExactly(disk);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sd b", "NVME0", "0sdb", "/etc/passwd", "/dev/../etc/shadow", "/dev/", "/dev//sdb",
        "dev/sdb", "sdb;reboot"})
    void rejectsOtherDisks(String disk) {
        assertThatThrownBy(() -> CP1.withDisks(List.of(disk)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid disk (expected a device name like nvme0n1 or sdb");
    }

    @Test
    void rejectsADiskListedTwice() {
        assertThatThrownBy(() -> CP1.withDisks(List.of("sdb", "sdb")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("disk 'sdb' is listed twice (expected each disk once)");
    }

    @Test
    void validatesLabelsAsKubernetesLabels() {
        assertThat(CP1.withLabel("topology.kubernetes.io/zone", "eu-west-1a").withLabel("empty", "").labels())
                .containsEntry("empty", "");
        assertThatThrownBy(() -> CP1.withLabel("bad key", "x")).hasMessageContaining("is not a valid label key");
        assertThatThrownBy(() -> CP1.withLabel("tier", "has space")).hasMessageContaining("is not a valid label value");
        assertThatThrownBy(() -> CP1.withLabel("tier", "x".repeat(64)))
                .hasMessageContaining("is not a valid label value");
    }

    @Test
    void rejectsNullsByName() {
        assertThatThrownBy(() -> Machine.of(null, "10.0.0.1", Role.WORKER)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> CP1.withSsh(null)).isInstanceOf(NullPointerException.class).hasMessage("ssh");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("tier", null);
        assertThatThrownBy(() -> CP1.withLabels(nullValue)).isInstanceOf(NullPointerException.class)
                .hasMessage("value of label tier");
    }

    @Test
    void rejectsAnInvalidFailureDomain() {
        assertThat(CP1.withFailureDomain("dc1/room2:rack_3").failureDomain()).isEqualTo("dc1/room2:rack_3");
        assertThatThrownBy(() -> CP1.withFailureDomain(""))
                .hasMessage("'' is not a valid failure domain (expected letters, digits and '.', '_', '/', ':', '-',"
                        + " starting and ending with a letter or digit, at most 253 characters, like eu-west-1a"
                        + " or dc1-rack1)");
    }

    @Test
    void checksSshAccess() {
        assertThat(SshAccess.of("ubuntu", 65535).port()).isEqualTo(65535);
        assertThatThrownBy(() -> SshAccess.of("ubuntu", 0))
                .hasMessage("ssh port 0 is out of range (expected 1..65535)");
        assertThatThrownBy(() -> SshAccess.of("ubuntu", 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SshAccess.of("-oProxyCommand=touch /tmp/x", 22))
                .hasMessageContaining("is not a valid ssh user");
        assertThatThrownBy(() -> SshAccess.of("", 22)).hasMessageContaining("is not a valid ssh user");
    }

    @Test
    void parsesRolesAndProvidersByTheirYamlNames() {
        assertThat(Role.parse("control-plane")).isEqualTo(Role.CONTROL_PLANE);
        assertThat(Role.parse("etcd").yamlName()).isEqualTo("etcd");
        assertThat(ProviderKind.parse("cloud-vm")).isEqualTo(ProviderKind.CLOUD_VM);
        assertThat(ProviderKind.BARE_METAL.yamlName()).isEqualTo("bare-metal");
        assertThatThrownBy(() -> Role.parse("CONTROL_PLANE"))
                .hasMessage("unknown role 'CONTROL_PLANE' (did you mean 'control-plane'? expected control-plane,"
                        + " worker or etcd)");
        assertThatThrownBy(() -> ProviderKind.parse("vm"))
                .hasMessage("unknown provider 'vm' (expected cloud-vm or bare-metal)");
    }
}
