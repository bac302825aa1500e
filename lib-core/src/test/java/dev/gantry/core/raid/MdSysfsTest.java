package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.GantryException;
import dev.gantry.core.ParseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees shaped like md.rst's sysfs description and the procfs sysfs/mdraid fixture (md0: raid0, clean). */
class MdSysfsTest {

    @TempDir
    Path dir;

    @Test
    void readsACleanRaid0LikeTheProcfsFixture() {
        SysTree tree = new SysTree(dir).array("md0", "raid0", "clean", 2, 524288, 20971520)
                .member("md0", "sdg", "in_sync", "0", 5242880).member("md0", "sdh", "in_sync", "1", 5242880)
                .write("sda/size", "1000");

        assertThat(MdSysfs.read(tree.root())).containsExactly(new RaidArray("md0", "raid0", "clean",
                List.of(new RaidMember("sdg", 0, 5242880L * 1024, MemberRole.ACTIVE),
                        new RaidMember("sdh", 1, 5242880L * 1024, MemberRole.ACTIVE)),
                524288, 20971520L * 512, Optional.empty()));
    }

    @Test
    void readsBrokenRaid0WhoseMemberVanished() {
        SysTree tree = new SysTree(dir).array("md0", "raid0", "broken", 2, 524288, 20971520)
                .member("md0", "nvme0n1", "in_sync", "0", 5242880).member("md0", "nvme1n1", "in_sync", "1", 5242880);

        RaidArray md0 = MdSysfs.read(tree.root()).get(0);

        assertThat(md0.state()).isEqualTo("broken");
        assertThat(md0.members()).extracting(RaidMember::device).containsExactly("nvme0n1", "nvme1n1");
    }

    @Test
    void readsFaultySpareRecoveringAndMissingMembersOfARaid1() {
        SysTree tree = new SysTree(dir).array("md1", "raid1", "active", 3, 0, 2000)
                .member("md1", "sda1", "in_sync,write_mostly", "0", 1000)
                .member("md1", "sdb1", "faulty", "none", 1000)
                .member("md1", "sdc1", "spare", "1", 1000)
                .member("md1", "sdd1", "spare", "none", 1000)
                .write("md1/md/sync_action", "recover")
                .write("md1/md/sync_completed", "250 / 1000");

        RaidArray md1 = MdSysfs.read(tree.root()).get(0);

        assertThat(md1.members()).containsExactly(
                new RaidMember("sda1", 0, 1024000, MemberRole.ACTIVE),
                new RaidMember("sdb1", -1, 1024000, MemberRole.FAULTY),
                new RaidMember("sdc1", 1, 1024000, MemberRole.REBUILDING),
                new RaidMember("sdd1", -1, 1024000, MemberRole.SPARE),
                RaidMember.missingSlot(2));
        assertThat(md1.sync()).contains(SyncProgress.running("recovery", 25.0));
        assertThat(md1.chunkBytes()).isZero();
    }

    @Test
    void readsReshapeRaidDisksAndJournalAndReplacementStates() {
        SysTree tree = new SysTree(dir).array("md5", "raid5", "active", 3, 65536, 4000)
                .write("md5/md/raid_disks", "3 (2)")
                .member("md5", "sda", "in_sync", "0", 2000).member("md5", "sdb", "in_sync", "1", 2000)
                .member("md5", "sdc", "in_sync", "2", 2000).member("md5", "sdd", "journal", "none", 100)
                .member("md5", "sde", "replacement", "2", 2000)
                .write("md5/md/sync_action", "reshape").write("md5/md/sync_completed", "none");

        RaidArray md5 = MdSysfs.read(tree.root()).get(0);

        assertThat(md5.members()).extracting(RaidMember::role).containsExactly(MemberRole.ACTIVE,
                MemberRole.ACTIVE, MemberRole.ACTIVE, MemberRole.JOURNAL, MemberRole.REBUILDING);
        assertThat(md5.sync()).contains(new SyncProgress("reshape", "running", -1));
    }

    @Test
    void readsAnInactiveContainerWithoutLevel() {
        SysTree tree = new SysTree(dir).write("md127/md/level", "").write("md127/md/array_state", "inactive");

        assertThat(MdSysfs.read(tree.root())).containsExactly(
                new RaidArray("md127", "unknown", "inactive", List.of(), 0, 0, Optional.empty()));
    }

    @Test
    void readsAnImsmContainerWhoseRaidDisksFileIsEmptyAndTheVolumeInIt() {
        new SysTree(dir).unpack(Fixtures.read("raid/sysfs/imsm-container.ttar"));

        assertThat(MdSysfs.read(dir.resolve("sys/block"))).containsExactly(
                new RaidArray("md126", "raid1", "clean",
                        List.of(new RaidMember("sda", 0, 488383488L * 1024, MemberRole.ACTIVE),
                                new RaidMember("sdb", 1, 488383488L * 1024, MemberRole.ACTIVE)),
                        0, 976766976L * 512, Optional.empty()),
                new RaidArray("md127", "container", "inactive",
                        List.of(new RaidMember("sda", -1, 488386584L * 1024, MemberRole.SPARE),
                                new RaidMember("sdb", -1, 488386584L * 1024, MemberRole.SPARE)),
                        0, 0, Optional.empty()));
    }

    @Test
    void placesMembersWithoutSlotFilesByTheRdLinksSoACleanRaid0MissesNothing() {
        RaidArray md0 = unpackMembersWithoutSlotFiles().get("md0");

        assertThat(md0.members()).containsExactly(
                new RaidMember("nvme0n1", 0, 976762880L * 1024, MemberRole.ACTIVE),
                new RaidMember("nvme1n1", 1, 976762880L * 1024, MemberRole.ACTIVE));
    }

    @Test
    void reportsOnlyTheSlotNoRdLinkHoldsAsMissingWhichIsWhatDegradedSays() {
        RaidArray md1 = unpackMembersWithoutSlotFiles().get("md1");

        assertThat(md1.members()).containsExactly(
                new RaidMember("sdb1", 0, 20954112L * 1024, MemberRole.ACTIVE),
                new RaidMember("sdc1", -1, 20954112L * 1024, MemberRole.FAULTY),
                new RaidMember("sdd1", 2, 20954112L * 1024, MemberRole.ACTIVE),
                RaidMember.missingSlot(1));
    }

    @Test
    void withNeitherSlotFilesNorRdLinksMissesAsManySlotsAsDegradedSays() {
        RaidArray md2 = unpackMembersWithoutSlotFiles().get("md2");

        assertThat(md2.members()).containsExactly(
                new RaidMember("sde1", -1, 1046528L * 1024, MemberRole.ACTIVE), RaidMember.missingSlot(-1));
    }

    @Test
    void neverReportsMoreMissingSlotsThanDegradedSays() {
        SysTree tree = new SysTree(dir).array("md3", "raid1", "clean", 3, 0, 2000)
                .write("md3/md/degraded", "0")
                .member("md3", "sda1", "in_sync", "0", 1000);

        assertThat(MdSysfs.read(tree.root()).get(0).members()).containsExactly(
                new RaidMember("sda1", 0, 1024000, MemberRole.ACTIVE));
    }

    @Test
    void rejectsADegradedFileThatIsNotANumberNamingTheFile() {
        SysTree tree = new SysTree(dir).array("md3", "raid1", "clean", 2, 0, 2000).write("md3/md/degraded", "x");

        assertThatThrownBy(() -> MdSysfs.read(tree.root())).isInstanceOf(ParseException.class)
                .hasMessageContaining("md3/md/degraded").hasMessageContaining("expected a whole number");
    }

    private java.util.Map<String, RaidArray> unpackMembersWithoutSlotFiles() {
        new SysTree(dir).unpack(Fixtures.read("raid/sysfs/members-without-slot-files.ttar"));
        return MdSysfs.read(dir.resolve("sys/block")).stream()
                .collect(java.util.stream.Collectors.toMap(RaidArray::name, a -> a));
    }

    @Test
    void ignoresBlockDevicesThatAreNotMdAndReturnsArraysInNameOrder() {
        SysTree tree = new SysTree(dir).write("sda/size", "1").array("md1", "raid0", "clean", 0, 4096, 8)
                .array("md0", "raid0", "clean", 0, 4096, 8);

        assertThat(MdSysfs.read(tree.root())).extracting(RaidArray::name).containsExactly("md0", "md1");
    }

    @Test
    void rejectsAValueThatIsNotANumberNamingTheFile() {
        SysTree tree = new SysTree(dir).array("md0", "raid0", "clean", 2, 4096, 8).write("md0/md/raid_disks", "two");

        assertThatThrownBy(() -> MdSysfs.read(tree.root())).isInstanceOf(ParseException.class)
                .hasMessageContaining("raid_disks").hasMessageContaining("expected a whole number");
    }

    @Test
    void rejectsAFileLargerThanAnySysfsValueNamingIt() {
        SysTree tree = new SysTree(dir).array("md0", "raid0", "clean", 2, 4096, 8)
                .write("md0/md/level", "raid0".repeat(100_000));

        assertThatThrownBy(() -> MdSysfs.read(tree.root())).isInstanceOf(ParseException.class)
                .hasMessageContaining("md0/md/level").hasMessageContaining("larger than 4096 bytes");
    }

    @Test
    void rejectsAnRdLinkBeyondAnySlotNamingIt() {
        SysTree tree = new SysTree(dir).array("md0", "raid0", "clean", 2, 4096, 8)
                .unpack("SymLink: md0/md/rd999999\nSymlinkTo: dev-sda\n");

        assertThatThrownBy(() -> MdSysfs.read(tree.root())).isInstanceOf(ParseException.class)
                .hasMessageContaining("md0/md/rd999999");
    }

    @Test
    void rejectsAMissingDirectory() {
        assertThatThrownBy(() -> MdSysfs.read(dir.resolve("nope"))).isInstanceOf(GantryException.class)
                .hasMessageContaining("not a directory");
    }
}
