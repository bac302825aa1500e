package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {

    static final String YAML = """
            machines:
              - name: cp-1
                address: 10.0.1.11
                role: control-plane        # control-plane | worker | etcd
                failureDomain: eu-west-1a
                provider: cloud-vm         # cloud-vm | bare-metal
                ssh: {user: ubuntu, port: 22}
                labels: {tier: masters}
                disks: [nvme0n1, nvme1n1]
              - name: w-1
                address: w-1.dc1.example.com
                role: worker
            """;

    static final String JSON = """
            {
              "machines": [
                {
                  "name": "cp-1",
                  "address": "10.0.1.11",
                  "role": "control-plane",
                  "failureDomain": "eu-west-1a",
                  "provider": "cloud-vm",
                  "ssh": {"user": "ubuntu", "port": 22},
                  "labels": {"tier": "masters"},
                  "disks": ["nvme0n1", "nvme1n1"]
                },
                {"name": "w-1", "address": "w-1.dc1.example.com", "role": "worker"}
              ]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldOfAMachine() {
        Machine cp1 = Inventory.parse(YAML).machine("cp-1").orElseThrow();

        assertThat(cp1).isEqualTo(new Machine("cp-1", "10.0.1.11", Role.CONTROL_PLANE, "eu-west-1a",
                ProviderKind.CLOUD_VM, SshAccess.of("ubuntu", 22), Map.of("tier", "masters"),
                List.of("nvme0n1", "nvme1n1")));
    }

    @Test
    void fillsInDefaultsForOptionalFields() {
        Machine w1 = Inventory.parse(YAML).machine("w-1").orElseThrow();

        assertThat(w1).isEqualTo(Machine.of("w-1", "w-1.dc1.example.com", Role.WORKER));
        assertThat(w1.failureDomain()).isEqualTo("unspecified");
        assertThat(w1.provider()).isEqualTo(ProviderKind.BARE_METAL);
        assertThat(w1.ssh()).isEqualTo(SshAccess.of("root", 22));
        assertThat(w1.labels()).isEmpty();
        assertThat(w1.disks()).isEmpty();
    }

    @Test
    void readsJsonOfTheSameShapeToTheSameInventory() {
        assertThat(Inventory.parse(JSON)).isEqualTo(Inventory.parse(YAML));
    }

    @Test
    void readsYamlWrittenInFlowStyleThatDoesNotStartWithABrace() {
        String flow = "machines: [{name: cp-1, address: 10.0.1.11, role: control-plane}]";

        assertThat(Inventory.parse(flow).machines())
                .containsExactly(Machine.of("cp-1", "10.0.1.11", Role.CONTROL_PLANE));
    }

    @Test
    void keepsMachinesInFileOrder() {
        assertThat(Inventory.parse(YAML).machines()).extracting(Machine::name).containsExactly("cp-1", "w-1");
    }

    @Test
    void acceptsAnEmptyMachineList() {
        assertThat(Inventory.parse("machines: []").size()).isZero();
    }

    @Test
    void resolvesAliasesOfMapsAndLists() {
        String yaml = """
                machines:
                  - name: w-1
                    address: 10.0.0.1
                    role: worker
                    ssh: &ubuntu {user: ubuntu, port: 2222}
                    disks: &nvme [nvme0n1, nvme1n1]
                  - name: w-2
                    address: 10.0.0.2
                    role: worker
                    ssh: *ubuntu
                    disks: *nvme
                """;

        Machine w2 = Inventory.parse(yaml).machine("w-2").orElseThrow();

        assertThat(w2.ssh()).isEqualTo(SshAccess.of("ubuntu", 2222));
        assertThat(w2.disks()).containsExactly("nvme0n1", "nvme1n1");
    }

    @Test
    void ignoresAByteOrderMark() {
        assertThat(Inventory.parse("\uFEFF" + JSON)).isEqualTo(Inventory.parse(YAML));
    }

    @Test
    void answersQueriesByNameRoleAndFailureDomain() {
        Inventory inventory = Inventory.parse(YAML);

        assertThat(inventory.size()).isEqualTo(2);
        assertThat(inventory.machine("nope")).isEmpty();
        assertThat(inventory.controlPlanes()).extracting(Machine::name).containsExactly("cp-1");
        assertThat(inventory.workers()).extracting(Machine::name).containsExactly("w-1");
        assertThat(inventory.machines(Role.ETCD)).isEmpty();
        assertThat(inventory.failureDomains()).containsExactly("eu-west-1a", "unspecified");
    }

    @Test
    void parsesTheExampleInventory() {
        Inventory inventory = Inventory.load(Path.of("../examples/inventory.yaml"));

        assertThat(inventory.controlPlanes()).hasSize(3)
                .allSatisfy(m -> assertThat(m.provider()).isEqualTo(ProviderKind.CLOUD_VM))
                .allSatisfy(m -> assertThat(m.ssh().user()).isEqualTo("ubuntu"));
        assertThat(inventory.workers()).hasSize(3)
                .allSatisfy(m -> assertThat(m.provider()).isEqualTo(ProviderKind.BARE_METAL))
                .allSatisfy(m -> assertThat(m.disks()).hasSize(2).allMatch(d -> d.startsWith("nvme")));
        assertThat(inventory.failureDomains())
                .containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c", "dc1-rack1", "dc1-rack2");
    }

    @Test
    void loadsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.yaml"), YAML);

        assertThat(Inventory.load(file)).isEqualTo(Inventory.parse(YAML));
    }

    @Test
    void namesTheFileInErrorsFromLoad() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.yaml"), "machines:\n  - name: cp-1\n    adress: x\n");

        assertThatThrownBy(() -> Inventory.load(file))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith(file + ":3: machine 'cp-1': unknown field 'adress'");
    }

    @Test
    void reportsAMissingFileWithItsPath() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> Inventory.load(missing))
                .isExactlyInstanceOf(GantryException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void reportsAnUnreadablePathWithItsPath() {
        assertThatThrownBy(() -> Inventory.load(dir))
                .isExactlyInstanceOf(GantryException.class)
                .hasMessageContaining("cannot read inventory file " + dir)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void rejectsAFileThatIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'m', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> Inventory.load(file))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void checksProgrammaticInventoriesForDuplicateNames() {
        Machine a = Machine.of("cp-1", "10.0.1.11", Role.CONTROL_PLANE);
        Machine b = Machine.of("cp-1", "10.0.1.12", Role.CONTROL_PLANE);

        assertThatThrownBy(() -> Inventory.of(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("machine name 'cp-1' is used by machines[0] and machines[1]"
                        + " (expected each machine to have its own)");
    }

    @Test
    void checksProgrammaticInventoriesForDuplicateAddressesInAnySpelling() {
        Machine a = Machine.of("cp-1", "fd00::11", Role.CONTROL_PLANE);
        Machine b = Machine.of("cp-2", "FD00:0:0::0011", Role.CONTROL_PLANE);

        assertThatThrownBy(() -> new Inventory(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address 'FD00:0:0::0011' is used by machines[0] and machines[1]");
    }

    @Test
    void copiesTheMachineList() {
        List<Machine> machines = new ArrayList<>(List.of(Machine.of("cp-1", "10.0.1.11", Role.CONTROL_PLANE)));
        Inventory inventory = new Inventory(machines);
        machines.clear();

        assertThat(inventory.size()).isEqualTo(1);
        assertThatThrownBy(() -> inventory.machines().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
