package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BtrfsUsageTest {

    private static final String UUID = "ed37a884-3263-48d0-b569-5c3c9bddd753";

    @Test
    void readsTheRealRaid0TextWithItsTwoDevices() {
        List<RaidArray> arrays = BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-b-raid0.txt"),
                Fixtures.read("raid/btrfs/show-raid0.txt"));

        assertThat(arrays).hasSize(1);
        RaidArray data = arrays.get(0);
        assertThat(data.name()).isEqualTo("btrfs:" + UUID + ":data");
        assertThat(data.level()).isEqualTo("raid0");
        assertThat(data.state()).isEqualTo("active");
        assertThat(data.chunkBytes()).isEqualTo(65536);
        assertThat(data.sizeBytes()).isEqualTo(134217728);
        assertThat(data.members()).containsExactly(
                new RaidMember("/dev/loop0", 0, 268435456, MemberRole.ACTIVE),
                new RaidMember("/dev/loop1", 1, 268435456, MemberRole.ACTIVE));
    }

    @Test
    void readsTheRealJsonAndRawShowToTheSameArrays() {
        List<RaidArray> fromText = BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-b-raid0.txt"),
                Fixtures.read("raid/btrfs/show-raid0.txt"));
        List<RaidArray> fromJson = BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-raid0.json"),
                Fixtures.read("raid/btrfs/show-raw-raid0.txt"));

        assertThat(fromJson).isEqualTo(fromText);
    }

    @Test
    void readsShowOutputOfOldBtrfsProgsWithItsVersionTrailer() {
        List<RaidArray> arrays = BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-v3.12-raid0.txt"),
                Fixtures.read("raid/btrfs/show-v3.12-trailer.txt"));

        assertThat(arrays).singleElement().satisfies(data -> {
            assertThat(data.name()).isEqualTo("btrfs:5e0f8c36-9a4e-4d8e-8b2f-3c1a7d6e9f20:data");
            assertThat(data.level()).isEqualTo("raid0");
            assertThat(data.sizeBytes()).isEqualTo(2L << 30);
            assertThat(data.members()).extracting(RaidMember::device).containsExactly("/dev/sdb", "/dev/sdc");
        });
    }

    @Test
    void stillRejectsALineThatOnlyLooksLikeAVersionTrailer() {
        String show = Fixtures.read("raid/btrfs/show-raid0.txt") + "Btrfs is great\n";

        assertThatThrownBy(() -> BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-b-raid0.txt"), show))
                .isInstanceOf(ParseException.class).hasMessageContaining("btrfs filesystem show:6:")
                .hasMessageContaining("Btrfs is great");
    }

    @Test
    void readsHumanReadableSizes() {
        assertThat(BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-human-raid0.txt")).get(0).sizeBytes())
                .isEqualTo(134217728);
    }

    @Test
    void withoutShowTheArrayHasNoMembersAndAGenericName() {
        RaidArray data = BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-b-raid0.txt")).get(0);

        assertThat(data.name()).isEqualTo("btrfs:data");
        assertThat(data.members()).isEmpty();
    }

    @Test
    void givesTwoArraysWhileABalanceLeftTwoDataProfiles() {
        List<RaidArray> arrays = BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-b-mixed-balance.txt"),
                Fixtures.read("raid/btrfs/show-raid0.txt"));

        assertThat(arrays).extracting(RaidArray::level).containsExactly("single", "raid0");
        assertThat(arrays).extracting(RaidArray::name).containsOnly("btrfs:" + UUID + ":data");
        assertThat(arrays).extracting(RaidArray::chunkBytes).containsExactly(0L, 65536L);
    }

    @Test
    void marksAMissingDeviceFaultyAndTheFilesystemDegraded() {
        RaidArray data = BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-b-raid0.txt"),
                Fixtures.read("raid/btrfs/show-missing.txt")).get(0);

        assertThat(data.state()).isEqualTo("degraded");
        assertThat(data.members()).extracting(RaidMember::role)
                .containsExactly(MemberRole.ACTIVE, MemberRole.ACTIVE, MemberRole.FAULTY);
        assertThat(data.activeMembers()).extracting(RaidMember::device).containsExactly("/dev/nvme0n1", "/dev/nvme2n1");
        assertThat(data.members().get(0).sizeBytes()).isEqualTo(100L * 1024 * 1024 * 1024);
    }

    @Test
    void rejectsALineThatIsNotDfOutputNamingSourceAndLine() {
        assertThatThrownBy(() -> BtrfsUsage.parse("Data, RAID0: total=1, used=1\nERROR: not a btrfs filesystem: /x\n",
                "", "worker-3:/data"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.source()).isEqualTo("worker-3:/data: btrfs filesystem df");
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.offendingText()).hasValue("ERROR: not a btrfs filesystem: /x");
                });
    }

    @Test
    void rejectsOutputWithoutDataProfile() {
        assertThatThrownBy(() -> BtrfsUsage.parse("System, RAID1: total=8388608, used=16384\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("no Data profile");
    }

    @Test
    void rejectsABadSize() {
        assertThatThrownBy(() -> BtrfsUsage.parse("Data, RAID0: total=lots, used=1\n"))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.line()).hasValue(1))
                .hasMessageContaining("\"lots\"");
    }

    @Test
    void rejectsShowOutputOfTwoFilesystems() {
        String two = Fixtures.read("raid/btrfs/show-raid0.txt") + Fixtures.read("raid/btrfs/show-missing.txt");
        assertThatThrownBy(() -> BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-b-raid0.txt"), two))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.source()).isEqualTo(BtrfsUsage.SHOW_SOURCE);
                    assertThat(e.line()).hasValue(6);
                })
                .hasMessageContaining("one filesystem");
    }

    @Test
    void rejectsShowOutputWithoutUuid() {
        assertThatThrownBy(() -> BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-b-raid0.txt"),
                "\tdevid    1 size 1 used 1 path /dev/sda\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("uuid");
    }

    @Test
    void rejectsJsonWithoutTheDfList() {
        assertThatThrownBy(() -> BtrfsUsage.parse("{\"__header\": {\"version\": \"1\"}}"))
                .isInstanceOf(ParseException.class).hasMessageContaining("\"filesystem-df\"");
    }
}
