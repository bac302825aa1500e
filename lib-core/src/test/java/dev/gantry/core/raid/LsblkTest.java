package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LsblkTest {

    @Test
    void findsNoArrayInARealCaptureWithoutMdOrLvm() {
        assertThat(Lsblk.parse(Fixtures.read("raid/lsblk/btrfs-loop-2.38.json"))).isEmpty();
    }

    @Test
    void readsAnMdRaid0RepeatedUnderEachMemberOnce() {
        List<RaidArray> arrays = Lsblk.parse(Fixtures.read("raid/lsblk/md0-raid0-sysroot-2.38.json"));

        assertThat(arrays).hasSize(1);
        RaidArray md0 = arrays.get(0);
        assertThat(md0.name()).isEqualTo("md0");
        assertThat(md0.level()).isEqualTo("raid0");
        assertThat(md0.state()).isEqualTo("unknown");
        assertThat(md0.chunkBytes()).isEqualTo(524288);
        assertThat(md0.sizeBytes()).isEqualTo(20971520);
        assertThat(md0.members()).containsExactly(
                new RaidMember("/dev/loop0", -1, 10485760, MemberRole.ACTIVE),
                new RaidMember("/dev/loop1", -1, 10485760, MemberRole.ACTIVE));
    }

    @Test
    void namesMembersByTheirByIdLinkAndIgnoresPartitions() {
        List<RaidArray> arrays = Lsblk.parse(Fixtures.read("raid/lsblk/md-raid0-nvme-idlink-2.39.json"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("md0");
        assertThat(arrays.get(0).members()).extracting(RaidMember::device).containsExactly(
                "/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_S64ANS0T123456",
                "/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_S64ANS0T123457");
        assertThat(arrays.get(0).sizeBytes()).isEqualTo(3840495763456L);
    }

    @Test
    void leavesOutPartitionsOfAnArrayThatLsblkBefore233TypesAsMd() {
        List<RaidArray> arrays = Lsblk.parse(Fixtures.read("raid/lsblk/md-partitions-2.31.json"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("md0", "md127");
        RaidArray md0 = arrays.get(0);
        assertThat(md0.level()).isEqualTo("raid0");
        assertThat(md0.chunkBytes()).isEqualTo(524288);
        assertThat(md0.members()).containsExactly(new RaidMember("/dev/sda1", -1, 500107837440L, MemberRole.ACTIVE),
                new RaidMember("/dev/sdb1", -1, 500107837440L, MemberRole.ACTIVE));
    }

    @Test
    void keepsAnInactiveArrayWithoutLevelAsAnArrayOfUnknownLevel() {
        RaidArray md127 = Lsblk.parse(Fixtures.read("raid/lsblk/md-partitions-2.31.json")).get(1);

        assertThat(md127.level()).isEqualTo("unknown");
        assertThat(md127.members()).extracting(RaidMember::device).containsExactly("/dev/sdc");
    }

    @Test
    void leavesOutMdPartitionsInAnInvertedTree() {
        String json = "{\"blockdevices\": [{\"name\": \"md0p1\", \"kname\": \"md0p1\", \"type\": \"md\","
                + " \"size\": \"1000\", \"children\": [{\"name\": \"md0\", \"kname\": \"md0\", \"type\": \"raid1\","
                + " \"size\": \"2000\", \"children\": [{\"name\": \"sda\", \"kname\": \"sda\", \"type\": \"disk\","
                + " \"size\": \"3000\"}]}]}]}";

        assertThat(Lsblk.parse(json)).extracting(RaidArray::name).containsExactly("md0");
    }

    @Test
    void readsAnInvertedTreeWithNumbersAsStrings() {
        List<RaidArray> arrays = Lsblk.parse(Fixtures.read("raid/lsblk/md-raid0-inverted.json"));

        assertThat(arrays).hasSize(1);
        RaidArray md = arrays.get(0);
        assertThat(md.name()).isEqualTo("md127");
        assertThat(md.chunkBytes()).isEqualTo(262144);
        assertThat(md.members()).extracting(RaidMember::device).containsExactly(
                "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4", "/dev/disk/by-id/wwn-0x5000c500a1b2c3d5",
                "/dev/disk/by-id/wwn-0x5000c500a1b2c3d6");
        assertThat(md.members()).allSatisfy(m -> assertThat(m.sizeBytes()).isEqualTo(1280165254144L));
    }

    @Test
    void readsStripedLogicalVolumesAndLeavesSpanningLinearOnesOut() {
        List<RaidArray> arrays = Lsblk.parse(Fixtures.read("raid/lsblk/lvm-striped-and-linear.json"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("vg0/data", "my-vg/fast-lv");
        assertThat(arrays).extracting(RaidArray::level).containsOnly("striped");
        assertThat(arrays).extracting(RaidArray::chunkBytes).containsExactly(65536L, 131072L);
        assertThat(arrays.get(0).members()).extracting(RaidMember::device).containsExactly("/dev/sdb", "/dev/sdc");
    }

    @Test
    void findsTheDisksOfARaid0LogicalVolumeUnderItsImages() {
        List<RaidArray> arrays = Lsblk.parse(Fixtures.read("raid/lsblk/lvm-raid0-rimage.json"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("vg1/lvr0");
        assertThat(arrays.get(0).members()).extracting(RaidMember::device).containsExactly("/dev/sdb", "/dev/sdc");
    }

    @Test
    void membersOfRedundantLevelsHaveNoKnownRole() {
        String json = """
                {"blockdevices": [
                  {"name": "sda", "type": "disk", "size": 100, "children": [{"name": "md1", "type": "raid1", "size": 90}]},
                  {"name": "sdb", "type": "disk", "size": 100, "children": [{"name": "md1", "type": "raid1", "size": 90}]}
                ]}""";

        RaidArray md1 = Lsblk.parse(json).get(0);

        assertThat(md1.level()).isEqualTo("raid1");
        assertThat(md1.chunkBytes()).isZero();
        assertThat(md1.members()).extracting(RaidMember::role).containsOnly(MemberRole.UNKNOWN);
        assertThat(md1.members()).extracting(RaidMember::device).containsExactly("/dev/sda", "/dev/sdb");
    }

    @Test
    void turnsMapperNamesIntoVolumeGroupAndVolume() {
        assertThat(LsblkReader.lvmName("vg0-data")).isEqualTo("vg0/data");
        assertThat(LsblkReader.lvmName("my--vg-my--lv")).isEqualTo("my-vg/my-lv");
        assertThat(LsblkReader.lvmName("nodash")).isEqualTo("nodash");
    }

    @Test
    void rejectsSizesWithUnitsAndSaysToUseBytes() {
        assertThatThrownBy(() -> Lsblk.parse(Fixtures.read("raid/lsblk/no-bytes.json"), "lsblk on worker-3"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.source()).isEqualTo("lsblk on worker-3");
                    assertThat(e.line()).hasValue(3);
                    assertThat(e.offendingText()).hasValueSatisfying(t -> assertThat(t).contains("\"1.8T\""));
                    assertThat(e.problem()).contains("\"size\"", "sdb", "-b");
                });
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> Lsblk.parse("  \n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("lsblk -J -b -O").hasMessageContaining("empty");
    }

    @Test
    void rejectsTextThatIsNotJsonNamingTheLine() {
        assertThatThrownBy(() -> Lsblk.parse("{\"blockdevices\": [\n  {\"name\": \"sda\",}\n]}"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.problem()).contains("not valid JSON");
                });
    }

    @Test
    void rejectsJsonWithoutBlockDevices() {
        assertThatThrownBy(() -> Lsblk.parse("{\"report\": []}"))
                .isInstanceOf(ParseException.class).hasMessageContaining("\"blockdevices\"");
    }

    @Test
    void rejectsADeviceWithoutAName() {
        assertThatThrownBy(() -> Lsblk.parse("{\"blockdevices\": [\n {\"type\": \"disk\"}]}"))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.line()).hasValue(2))
                .hasMessageContaining("neither \"kname\" nor \"name\"");
    }

    @Test
    void rejectsNegativeAndOverlongNumbers() {
        assertThatThrownBy(() -> Lsblk.parse("{\"blockdevices\": [{\"name\": \"sda\", \"type\": \"disk\", \"size\": -1,"
                + " \"children\": [{\"name\": \"md0\", \"type\": \"raid0\"}]}]}"))
                .isInstanceOf(ParseException.class).hasMessageContaining("\"-1\"");
        assertThatThrownBy(() -> Lsblk.parse("{\"blockdevices\": [{\"name\": \"sda\", \"type\": \"disk\","
                + " \"size\": 99999999999999999999, \"children\": [{\"name\": \"md0\", \"type\": \"raid0\"}]}]}"))
                .isInstanceOf(ParseException.class).hasMessageContaining("number of bytes");
    }
}
