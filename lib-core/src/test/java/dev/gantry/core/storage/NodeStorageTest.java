package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Inventory;
import dev.gantry.core.ParseException;
import dev.gantry.core.raid.LvmReport;
import dev.gantry.core.raid.MdStat;
import dev.gantry.core.raid.RaidArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeStorageTest {

    // Shape of `LC_ALL=C vgs --reportformat json --units b --nosuffix -o vg_name,vg_free,vg_extent_size,pv_name`
    // from lvm2 2.03.16 on Debian 12 (one row per physical volume), with the WARNING line LVM
    // prints when run without a devices file.
    private static final String VGS = """
              WARNING: devices file is missing, /etc/lvm/devices/system.devices (0:0)
              {
                  "report": [
                      {
                          "vg": [
                              {"vg_name":"fast", "vg_free":"3839999279104", "vg_extent_size":"4194304", "pv_name":"/dev/md0"},
                              {"vg_name":"wide", "vg_free":"2000000000000", "vg_extent_size":"33554432", "pv_name":"/dev/sdb"},
                              {"vg_name":"wide", "vg_free":"2000000000000", "vg_extent_size":"33554432", "pv_name":"/dev/sdc"}
                          ]
                      }
                  ]
              }
            """;

    // /proc/mdstat in the kernel's format (md.c md_seq_show; storage research fixture md12 shape).
    private static final String MDSTAT = """
            Personalities : [raid0]
            md0 : active raid0 nvme1n1[1] nvme0n1[0]
                  3750000000 blocks super 1.2 512k chunks

            unused devices: <none>
            """;

    // lvs --reportformat json --units b --nosuffix -a -o lv_name,vg_name,segtype,stripes,stripe_size,lv_size,devices
    private static final String LVS = """
            {"report": [{"lv": [
              {"lv_name":"data", "vg_name":"wide", "segtype":"striped", "stripes":"2", "stripe_size":"65536",
               "lv_size":"109051904", "devices":"/dev/sdb(0),/dev/sdc(0)"}
            ]}]}
            """;

    @Test
    void readsPoolsFromVgsAndMarksRaid0AndStripedOnes() {
        List<RaidArray> arrays = new ArrayList<>(MdStat.parse(MDSTAT));
        arrays.addAll(LvmReport.parse(LVS));

        NodeStorage node = NodeStorage.fromFacts("worker-1", "rack1", VGS, arrays);

        assertThat(node.pools()).extracting(Pool::name).containsExactly("fast", "wide");
        Pool fast = node.pool("fast").orElseThrow();
        assertThat(fast.raid0()).isTrue();
        assertThat(fast.stripes()).isEqualTo(1);
        assertThat(fast.free()).isEqualTo(ByteSize.ofBytes(3839999279104L));
        Pool wide = node.pool("wide").orElseThrow();
        assertThat(wide.stripes()).isEqualTo(2);
        assertThat(wide.extent()).isEqualTo(ByteSize.parse("32Mi"));
        assertThat(wide.raid0()).isFalse();
    }

    @Test
    void readsPlainPoolsWithoutFacts() {
        NodeStorage node = NodeStorage.fromFacts("worker-1", "rack1", VGS, List.of());

        assertThat(node.pools()).allSatisfy(p -> assertThat(p.isRaid0()).isFalse());
    }

    @Test
    void refusesMalformedEmptyAndHostileReports() {
        assertThatThrownBy(() -> NodeStorage.fromFacts("w", "r", "", List.of())).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> NodeStorage.fromFacts("w", "r", "{\"report\": 5}", List.of()))
                .isInstanceOf(ParseException.class).hasMessageContaining("report");
        assertThatThrownBy(() -> NodeStorage.fromFacts("w", "r", "not json", List.of()))
                .isInstanceOf(ParseException.class).hasMessageContaining("vgs on w");
        assertThatThrownBy(() -> NodeStorage.fromFacts("w", "r",
                "{\"report\":[{\"vg\":[{\"vg_name\":\"a\",\"vg_free\":\"9.00g\",\"vg_extent_size\":\"4194304\"}]}]}",
                List.of())).isInstanceOf(ParseException.class).hasMessageContaining("--units b");
        assertThatThrownBy(() -> NodeStorage.fromFacts("w", "r",
                "{\"report\":[{\"vg\":[{\"vg_free\":\"1\",\"vg_extent_size\":\"4194304\"}]}]}", List.of()))
                .isInstanceOf(ParseException.class).hasMessageContaining("vg_name");
        assertThatThrownBy(() -> NodeStorage.fromFacts("w", "r", "x".repeat(VolumeGroupReport.MAX_INPUT + 1),
                List.of())).isInstanceOf(ParseException.class).hasMessageContaining("longer than");
        assertThat(NodeStorage.fromFacts("w", "r", "{\"report\":[{}]}", List.of()).pools()).isEmpty();
    }

    @Test
    void describesInventoryMachinesWithDisksAsStripedPools() {
        Inventory inventory = Inventory.parse("""
                machines:
                  - {name: cp-1, address: 10.0.0.1, role: control-plane}
                  - {name: w-1, address: 10.0.0.2, role: worker, failureDomain: rack1, disks: [nvme0n1, nvme1n1]}
                  - {name: w-2, address: 10.0.0.3, role: worker, failureDomain: rack2, disks: [sdb]}
                """);

        List<NodeStorage> nodes = NodeStorage.fromInventory(inventory, "data", ByteSize.parse("1Ti"));

        assertThat(nodes).extracting(NodeStorage::node).containsExactly("w-1", "w-2");
        assertThat(nodes.get(0).failureDomain()).isEqualTo("rack1");
        assertThat(nodes.get(0).pools()).singleElement().satisfies(p -> {
            assertThat(p.free()).isEqualTo(ByteSize.parse("2Ti"));
            assertThat(p.stripes()).isEqualTo(2);
        });
        assertThat(nodes.get(1).pools().get(0).stripes()).isEqualTo(1);
        assertThat(nodes.get(1).free()).isEqualTo(ByteSize.parse("1Ti"));
    }
}
