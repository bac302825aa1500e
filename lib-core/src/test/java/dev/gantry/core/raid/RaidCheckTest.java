package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaidCheckTest {

    private static final String DISK_A = "/dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T111111";
    private static final String DISK_B = "/dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T222222";
    private static final Map<String, String> LINKS = Map.of(DISK_A, "../../nvme0n1", DISK_B, "../../nvme1n1");

    @TempDir
    Path dir;

    private List<RaidArray> node(String arrayState, long sizeA, long sizeB) throws IOException {
        SysTree tree = new SysTree(Files.createTempDirectory(dir, "sys")).array("md0", "raid0", arrayState, 2, 524288, 3906516992L)
                .member("md0", "nvme0n1", "in_sync", "0", sizeA).member("md0", "nvme1n1", "in_sync", "1", sizeB);
        List<RaidArray> arrays = new ArrayList<>(MdStat.parse(Fixtures.mdstat("raid0-healthy")));
        arrays.addAll(MdSysfs.read(tree.root()));
        return arrays;
    }

    private static List<String> codes(Report report, Severity severity) {
        return report.bySeverity(severity).stream().map(Finding::code).toList();
    }

    @Test
    void aHealthyNodeShowsEveryCheckAsPassed() throws IOException {
        Report report = RaidCheck.raid0().withExpectedDevices(DISK_A, DISK_B)
                .check("worker-3", node("clean", 976629248, 976629248), LINKS);

        assertThat(report.ok()).isTrue();
        assertThat(codes(report, Severity.PASS)).containsExactly("RAID-LEVEL-RAID0", "RAID-ARRAY-HEALTHY",
                "RAID-MEMBERS-OK", "RAID-MEMBER-COUNT-OK", "RAID-MEMBERS-EXPECTED", "RAID-MEMBER-SIZES-EVEN",
                "RAID-CHUNK-IN-RANGE");
        assertThat(report.findings()).extracting(Finding::subject).containsOnly("worker-3:md0");
    }

    @Test
    void sysfsBrokenFailsAlthoughMdstatStillSaysActive() throws IOException {
        Report report = RaidCheck.raid0().check("worker-3", node("broken", 976629248, 976629248));

        assertThat(codes(report, Severity.FAIL)).containsExactly("RAID-ARRAY-BROKEN");
        assertThat(report.failures().get(0).message()).contains("active", "broken");
    }

    @Test
    void mdstatAloneCannotVerifyARaid0State() throws IOException {
        Report report = RaidCheck.raid0().check("worker-3", MdStat.parse(Fixtures.mdstat("raid0-healthy")));

        assertThat(report.ok()).isTrue();
        assertThat(codes(report, Severity.INFO)).contains("RAID-STATE-UNVERIFIED", "RAID-MEMBER-SIZES-UNKNOWN");
    }

    @Test
    void mdadmBrokenRaid0WithARemovedMemberFails() throws IOException {
        Report report = RaidCheck.raid0().withMembers(2)
                .check("worker-7", MdadmDetail.parse(Fixtures.mdadm("raid0-broken-detail")));

        assertThat(codes(report, Severity.FAIL)).containsExactly("RAID-ARRAY-BROKEN");
        assertThat(report.failures().get(0).message()).contains("1 slot(s) without a device");
    }

    @Test
    void aRaid1IsNotRaid0AndItsRecoveryIsReported() throws IOException {
        Report report = RaidCheck.raid0().check("db-1", MdadmDetail.parse(Fixtures.mdadm("raid1-degraded-detail")));

        assertThat(codes(report, Severity.FAIL)).containsExactly("RAID-NOT-RAID0", "RAID-DEGRADED-SYNC");
    }

    @Test
    void aRunningResyncWarnsAndAMissingMirrorSlotBreaksTheArray() throws IOException {
        List<RaidArray> procfs = MdStat.parse(Fixtures.mdstat("procfs-fixture"));

        assertThat(codes(RaidCheck.raid0().withArray("md8").check("n", procfs), Severity.WARN))
                .containsExactly("RAID-DEGRADED-SYNC");
        Report md6 = RaidCheck.raid0().withArray("md6").check("n", procfs);
        assertThat(codes(md6, Severity.FAIL)).containsExactly("RAID-NOT-RAID0", "RAID-ARRAY-BROKEN",
                "RAID-MEMBER-FAILED", "RAID-DEGRADED-SYNC");
    }

    @Test
    void aReadOnlyRaid0Warns() throws IOException {
        Report report = RaidCheck.raid0().withArray("md101").check("n", MdStat.parse(Fixtures.mdstat("procfs-fixture")));

        assertThat(codes(report, Severity.WARN)).containsExactly("RAID-ARRAY-BROKEN");
        assertThat(report.bySeverity(Severity.WARN).get(0).remedy()).contains("mdadm --readwrite /dev/md101");
    }

    @Test
    void wrongMemberCountFails() throws IOException {
        Report report = RaidCheck.raid0().withMembers(3).check("n", node("clean", 1000, 1000));

        assertThat(codes(report, Severity.FAIL)).containsExactly("RAID-MEMBER-COUNT");
        assertThat(report.failures().get(0).message()).isEqualTo("2 data member(s), expected 3");
    }

    @Test
    void aOneMemberRaid0WarnsWhenNoCountIsSet() throws IOException {
        Report report = RaidCheck.raid0().withArray("md00").check("n", MdStat.parse(Fixtures.mdstat("procfs-fixture")));

        assertThat(codes(report, Severity.WARN)).containsExactly("RAID-MEMBER-COUNT");
    }

    @Test
    void aFaultyMemberFails() throws IOException {
        String text = "md0 : active raid0 nvme1n1[1](F) nvme0n1[0]\n      1024 blocks super 1.2 512k chunks\n";

        Report report = RaidCheck.raid0().check("n", MdStat.parse(text));

        assertThat(codes(report, Severity.FAIL)).contains("RAID-MEMBER-FAILED");
        assertThat(report.failures()).filteredOn(f -> f.code().equals("RAID-MEMBER-FAILED"))
                .extracting(Finding::message).containsExactly("faulty member(s): nvme1n1");
    }

    @Test
    void unequalMembersFailTheSizeSkewAndASmallSkewPasses() throws IOException {
        assertThat(codes(RaidCheck.raid0().check("n", node("clean", 1000, 2000)), Severity.FAIL))
                .containsExactly("RAID-MEMBER-SIZE-SKEW");
        assertThat(RaidCheck.raid0().withMemberSizeSkew(0.6).check("n", node("clean", 1000, 2000)).ok()).isTrue();
        assertThat(RaidCheck.raid0().check("n", node("clean", 1000, 1040)).ok()).isTrue();
    }

    @Test
    void chunkOutsideTheRangeOrNotAPowerOfTwoFails() throws IOException {
        String small = "md0 : active raid0 sdb[1] sda[0]\n      1024 blocks super 1.2 4k chunks\n";
        String odd = "md0 : active raid0 sdb[1] sda[0]\n      1024 blocks super 1.2 768k chunks\n";

        assertThat(codes(RaidCheck.raid0().check("n", MdStat.parse(small)), Severity.FAIL))
                .containsExactly("RAID-CHUNK-OUT-OF-RANGE");
        assertThat(RaidCheck.raid0().check("n", MdStat.parse(odd)).failures().get(0).message())
                .contains("not a power of two");
        assertThat(RaidCheck.raid0().withChunkRange(4096, 4096).check("n", MdStat.parse(small)).ok()).isTrue();
    }

    @Test
    void twoSourcesWithDifferentChunksOfOneArrayFail() throws IOException {
        List<RaidArray> arrays = new ArrayList<>(MdStat.parse(Fixtures.mdstat("raid0-healthy")));
        arrays.add(RaidArray.of("/dev/md0", "raid0", List.of(new RaidMember("nvme0n1", -1, 1, MemberRole.ACTIVE),
                new RaidMember("nvme1n1", -1, 1, MemberRole.ACTIVE))).withChunkBytes(256 * 1024));

        Report report = RaidCheck.raid0().check("n", arrays);

        assertThat(codes(report, Severity.FAIL)).containsExactly("RAID-CHUNK-MISMATCH");
        assertThat(report.findings()).extracting(Finding::subject).containsOnly("n:md0");
    }

    @Test
    void viewsWithOtherNamesButTheSameMembersAreOneArray() throws IOException {
        List<RaidArray> arrays = new ArrayList<>(MdStat.parse(Fixtures.mdstat("raid0-healthy")));
        arrays.add(RaidArray.of("md/data", "raid0", List.of(RaidMember.active("/dev/nvme1n1", 1),
                RaidMember.active("/dev/nvme0n1", 0))).withChunkBytes(512 * 1024).withState("clean"));

        Report report = RaidCheck.raid0().check("n", arrays);

        assertThat(report.findings()).extracting(Finding::subject).containsOnly("n:md0=md/data");
        assertThat(codes(report, Severity.PASS)).contains("RAID-ARRAY-HEALTHY", "RAID-CHUNK-IN-RANGE");
    }

    @Test
    void anArrayMdstatCouldNotReadIsAnUnknownLayout() throws IOException {
        Report report = RaidCheck.raid0().withArray("md1").check("n", MdStat.parse(Fixtures.mdstat("odd-array")));

        assertThat(codes(report, Severity.FAIL)).containsExactly("RAID-UNKNOWN-LAYOUT");
    }

    @Test
    void mixedProfilesOfOneFilesystemAreAnUnknownLayout() throws IOException {
        List<RaidMember> disks = List.of(RaidMember.active("loop0", -1), RaidMember.active("loop1", -1));
        List<RaidArray> arrays = List.of(RaidArray.of("btrfs:4d1c:data", "single", disks),
                RaidArray.of("btrfs:4d1c:data", "raid0", disks));

        Report report = RaidCheck.raid0().check("n", arrays);

        assertThat(codes(report, Severity.FAIL)).containsExactly("RAID-UNKNOWN-LAYOUT");
        assertThat(report.failures().get(0).message()).contains("single, raid0");
    }

    @Test
    void expectedDevicesAreMatchedThroughStableIdLinks() throws IOException {
        Map<String, String> swapped = Map.of(DISK_A, "/dev/nvme0n1", DISK_B, "/dev/nvme2n1");

        Report report = RaidCheck.raid0().withExpectedDevices(DISK_A, DISK_B)
                .check("n", node("clean", 1000, 1000), swapped);

        assertThat(codes(report, Severity.FAIL)).containsExactly("RAID-MEMBER-MISMATCH");
        assertThat(report.failures().get(0).message()).contains(DISK_B, "members not expected: nvme1n1");
    }

    @Test
    void noArrayOverTheExpectedDevicesIsMissing() throws IOException {
        Report report = RaidCheck.raid0().withExpectedDevices(DISK_A).check("worker-9", node("clean", 1, 1));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("RAID-ARRAY-MISSING");
            assertThat(f.subject()).isEqualTo("worker-9");
        });
    }

    @Test
    void everyFailingFindingHasARemedy() throws IOException {
        List<Report> reports = List.of(
                RaidCheck.raid0().withMembers(5).check("n", MdStat.parse(Fixtures.mdstat("procfs-fixture"))),
                RaidCheck.raid0().check("n", MdStat.parse(Fixtures.mdstat("flags-and-remote"))),
                RaidCheck.raid0().check("n", MdStat.parse(Fixtures.mdstat("odd-array"))),
                RaidCheck.raid0().check("n", node("broken", 1000, 3000)),
                RaidCheck.raid0().withExpectedDevices(DISK_A).check("n", List.of()));

        List<Finding> bad = reports.stream().flatMap(r -> r.findings().stream())
                .filter(f -> f.severity() == Severity.FAIL || f.severity() == Severity.WARN).toList();
        assertThat(bad).hasSizeGreaterThan(20).allSatisfy(f -> assertThat(f.hasRemedy()).isTrue());
        assertThat(bad).extracting(Finding::code).contains("RAID-NOT-RAID0", "RAID-MEMBER-COUNT",
                "RAID-MEMBER-FAILED", "RAID-ARRAY-BROKEN", "RAID-MEMBER-SIZE-SKEW", "RAID-DEGRADED-SYNC",
                "RAID-UNKNOWN-LAYOUT", "RAID-ARRAY-MISSING");
    }

    @Test
    void refusesKernelNamesAsExpectedDevices() throws IOException {
        assertThatThrownBy(() -> RaidCheck.raid0().withExpectedDevices("sdb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a stable id");
        assertThatThrownBy(() -> RaidCheck.raid0().withExpectedDevices("/dev/nvme0n1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/dev/disk/by-id/");
    }

    @Test
    void validatesThePolicyAndKeepsTheOriginalUnchanged() throws IOException {
        RaidCheck base = RaidCheck.raid0();

        assertThatThrownBy(() -> base.withMembers(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withMemberSizeSkew(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withMemberSizeSkew(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withChunkRange(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withChunkRange(20, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(base.withMembers(4).toString()).contains("withMembers(4)");
        assertThat(base.toString()).doesNotContain("withMembers");
    }

    @Test
    void mdstatSysfsAndMdadmViewsOfOneBrokenArrayGiveOneSubject() throws IOException {
        List<RaidArray> arrays = new ArrayList<>(node("broken", 976629248, 976629248));
        arrays.addAll(MdadmDetail.parse(Fixtures.mdadm("raid0-broken-detail")));

        Report report = RaidCheck.raid0().withArray("/dev/md0").check("worker-7", arrays);

        assertThat(report.findings()).extracting(Finding::subject).containsOnly("worker-7:md0");
        assertThat(report.failures()).extracting(Finding::code).containsExactly("RAID-ARRAY-BROKEN");
        assertThat(report.failures().get(0).message()).isEqualTo(
                "state active, broken, failed; 1 slot(s) without a device");
    }
}
