package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MdStatTest {

    private static final Map<String, RaidArray> PROCFS = byName(MdStat.parse(Fixtures.mdstat("procfs-fixture")));
    private static final Map<String, RaidArray> FLAGS = byName(MdStat.parse(Fixtures.mdstat("flags-and-remote")));

    private static Map<String, RaidArray> byName(List<RaidArray> arrays) {
        return arrays.stream().collect(Collectors.toMap(RaidArray::name, Function.identity()));
    }

    private static List<MemberRole> roles(RaidArray array) {
        return array.members().stream().map(RaidMember::role).toList();
    }

    private static List<String> devices(RaidArray array) {
        return array.members().stream().map(RaidMember::device).toList();
    }

    @Test
    void readsTheProcfsArraysInFileOrder() {
        List<RaidArray> arrays = MdStat.parse(Fixtures.mdstat("procfs-fixture"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("md3", "md4", "md6", "md8", "md201", "md7",
                "md9", "md10", "md11", "md12", "md126", "md219", "md00", "md120", "md101", "md42");
        assertThat(arrays).filteredOn(a -> a.state().equals("unknown")).isEmpty();
    }

    @Test
    void readsRaid0WithOldMetadataThatPrintsNoSuper() {
        RaidArray md10 = PROCFS.get("md10");

        assertThat(md10).isEqualTo(new RaidArray("md10", "raid0", "active",
                List.of(RaidMember.active("sda1", -1), RaidMember.active("sdb1", -1)), 64 * 1024L,
                314159265L * 1024, java.util.Optional.empty()));
    }

    @Test
    void readsRaid0WithMetadata12AndImsmExternalMetadata() {
        assertThat(PROCFS.get("md12").chunkBytes()).isEqualTo(512 * 1024L);
        assertThat(PROCFS.get("md12").sizeBytes()).isEqualTo(3886394368L * 1024);
        assertThat(PROCFS.get("md126").chunkBytes()).isEqualTo(128 * 1024L);
        assertThat(devices(PROCFS.get("md126"))).containsExactly("sdb", "sdc");
    }

    @Test
    void readsSingleMemberRaid0ThatOnceCrashedNodeExporter() {
        RaidArray md00 = PROCFS.get("md00");

        assertThat(md00.level()).isEqualTo("raid0");
        assertThat(md00.activeMembers()).containsExactly(RaidMember.active("xvdb", -1));
        assertThat(md00.chunkBytes()).isEqualTo(256 * 1024L);
    }

    @Test
    void readsReadOnlyAndAutoReadOnlyStates() {
        assertThat(PROCFS.get("md101").state()).isEqualTo("read-only");
        assertThat(PROCFS.get("md101").level()).isEqualTo("raid0");
        assertThat(PROCFS.get("md101").members()).hasSize(3);
        assertThat(PROCFS.get("md11").state()).isEqualTo("auto-read-only");
        assertThat(PROCFS.get("md11").sync()).contains(new SyncProgress("resync", "PENDING", -1));
    }

    @Test
    void readsInactiveContainerWithoutPersonalityAsUnknownLevel() {
        RaidArray md219 = PROCFS.get("md219");

        assertThat(md219.level()).isEqualTo("unknown");
        assertThat(md219.state()).isEqualTo("inactive");
        assertThat(roles(md219)).containsOnly(MemberRole.SPARE).hasSize(3);
        assertThat(md219.sizeBytes()).isEqualTo(7932L * 1024);
    }

    @Test
    void readsLinearRoundingAsNoChunk() {
        assertThat(PROCFS.get("md120").level()).isEqualTo("linear");
        assertThat(PROCFS.get("md120").chunkBytes()).isZero();
        assertThat(PROCFS.get("md120").members()).hasSize(2);
    }

    @Test
    void readsRecoveryWithFailedAndSpareMembersAndNoMissingSlot() {
        RaidArray md6 = PROCFS.get("md6");

        assertThat(md6.sync()).contains(SyncProgress.running("recovery", 8.5));
        assertThat(roles(md6)).containsExactly(MemberRole.FAULTY, MemberRole.SPARE, MemberRole.ACTIVE,
                MemberRole.UNKNOWN);
        assertThat(md6.members().get(3)).isEqualTo(RaidMember.missingSlot(1));
    }

    @Test
    void readsResyncCheckAndReshapeProgress() {
        assertThat(PROCFS.get("md8").sync()).contains(SyncProgress.running("resync", 8.5));
        assertThat(PROCFS.get("md201").sync()).contains(SyncProgress.running("check", 5.7));
        RaidArray md42 = PROCFS.get("md42");
        assertThat(md42.sync()).contains(SyncProgress.running("reshape", 56.1));
        assertThat(md42.members()).contains(RaidMember.missingSlot(2));
        assertThat(md42.chunkBytes()).isEqualTo(512 * 1024L);
    }

    @Test
    void readsAGrowingRaid5ReshapeWhoseNewDiskIsNotYetInSync() {
        RaidArray md0 = MdStat.parse(Fixtures.mdstat("raid456-grow-reshape")).get(0);

        assertThat(md0).isEqualTo(new RaidArray("md0", "raid5", "active",
                List.of(new RaidMember("sde1", -1, 0, MemberRole.REBUILDING), RaidMember.active("sdd1", -1),
                        RaidMember.active("sdc1", -1), RaidMember.active("sdb1", -1)),
                512 * 1024L, 3906846720L * 1024, java.util.Optional.of(SyncProgress.running("reshape", 6.2))));
    }

    @Test
    void readsAGrowingRaid6ReshapeWithoutMissingSlots() {
        RaidArray md1 = MdStat.parse(Fixtures.mdstat("raid456-grow-reshape")).get(1);

        assertThat(md1.level()).isEqualTo("raid6");
        assertThat(md1.sizeBytes()).isEqualTo(11720294400L * 1024);
        assertThat(md1.sync()).contains(SyncProgress.running("reshape", 0.4));
        assertThat(roles(md1)).containsExactly(MemberRole.REBUILDING, MemberRole.ACTIVE, MemberRole.ACTIVE,
                MemberRole.ACTIVE, MemberRole.ACTIVE, MemberRole.ACTIVE);
        assertThat(md1.members()).noneMatch(RaidMember::missing);
    }

    @Test
    void stillKeepsAMirrorWithFewerUsThanItsInSyncCountAsUnknown() {
        String text = "md1 : active raid1 sdb1[1] sda1[0]\n      1048512 blocks super 1.2 [2/2] [U_]\n";

        assertThat(MdStat.parse(text)).singleElement().satisfies(md1 -> {
            assertThat(md1.level()).isEqualTo("unknown");
            assertThat(md1.members()).isEmpty();
        });
    }

    @Test
    void readsTheSlotsOfAMultipathArrayWhosePathFailed() {
        Map<String, RaidArray> multipath = byName(MdStat.parse(Fixtures.mdstat("multipath")));

        assertThat(multipath.get("md0").members()).containsExactly(new RaidMember("sdc", -1, 0, MemberRole.FAULTY),
                RaidMember.active("sdb", -1), RaidMember.missingSlot(1));
        assertThat(multipath.get("md1").members()).containsExactly(RaidMember.active("sde", -1),
                RaidMember.active("sdd", -1));
        assertThat(multipath.get("md0").level()).isEqualTo("multipath");
        assertThat(multipath.get("md0").sizeBytes()).isEqualTo(10485696L * 1024);
    }

    @Test
    void showsBothMissingSlotsOfAMultipathArrayWithBothPathsFailed() {
        RaidArray md2 = byName(MdStat.parse(Fixtures.mdstat("multipath"))).get("md2");

        assertThat(md2.members()).containsExactly(new RaidMember("sdg", -1, 0, MemberRole.FAULTY),
                new RaidMember("sdf", -1, 0, MemberRole.FAULTY), RaidMember.missingSlot(0), RaidMember.missingSlot(1));
    }

    @Test
    void readsDelayedResyncAndBitmapLines() {
        assertThat(PROCFS.get("md9").sync()).contains(new SyncProgress("resync", "DELAYED", -1));
        assertThat(PROCFS.get("md9").activeMembers()).hasSize(4);
        RaidArray md7 = PROCFS.get("md7");
        assertThat(md7.sync()).isEmpty();
        assertThat(md7.chunkBytes()).isEqualTo(512 * 1024L);
        assertThat(roles(md7)).containsExactly(MemberRole.ACTIVE, MemberRole.ACTIVE, MemberRole.ACTIVE,
                MemberRole.FAULTY, MemberRole.UNKNOWN);
    }

    @Test
    void readsRemoteSyncLinesOfClusteredArrays() {
        assertThat(FLAGS.get("md1").sync()).contains(new SyncProgress("resync", "REMOTE", -1));
        assertThat(FLAGS.get("md2").sync()).contains(new SyncProgress("recovery", "REMOTE", -1));
        assertThat(FLAGS.get("md3").sync()).contains(new SyncProgress("reshape", "REMOTE", -1));
    }

    @Test
    void readsEveryMemberFlagInTheKernelsOrder() {
        assertThat(roles(FLAGS.get("md2"))).containsExactly(MemberRole.JOURNAL, MemberRole.FAULTY,
                MemberRole.ACTIVE, MemberRole.ACTIVE, MemberRole.ACTIVE, MemberRole.SPARE, MemberRole.FAULTY,
                MemberRole.UNKNOWN);
        assertThat(roles(FLAGS.get("md3"))).containsExactly(MemberRole.FAULTY, MemberRole.ACTIVE,
                MemberRole.ACTIVE, MemberRole.ACTIVE, MemberRole.REBUILDING, MemberRole.SPARE, MemberRole.UNKNOWN);
        assertThat(FLAGS.get("md3").chunkBytes()).isEqualTo(512 * 1024L);
    }

    @Test
    void readsRepairAndMarksTheSurplusUnflaggedMemberAsRebuilding() {
        RaidArray md5 = FLAGS.get("md5");

        assertThat(md5.sync()).contains(SyncProgress.running("repair", 21.4));
        assertThat(md5.members()).containsExactly(new RaidMember("sdj", -1, 0, MemberRole.REBUILDING),
                RaidMember.active("sdi", -1));
    }

    @ParameterizedTest
    @CsvSource({"'', ACTIVE", "(W), ACTIVE", "(J), JOURNAL", "(W)(J), JOURNAL", "(F), FAULTY", "(W)(F), FAULTY",
            "(J)(F), FAULTY", "(W)(J)(F), FAULTY", "(S), SPARE", "(W)(S), SPARE", "(S)(R), SPARE",
            "(W)(J)(S)(R), JOURNAL", "(R), REBUILDING", "(W)(R), REBUILDING"})
    void acceptsEveryValidFlagCombination(String flags, MemberRole role) {
        String text = "md0 : active raid0 sdb[1]" + flags + " sda[0]\n      1024 blocks super 1.2 512k chunks\n";

        assertThat(MdStat.parse(text).get(0).members().get(0).role()).isEqualTo(role);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(Z)", "(F)(S)", "(S)(W)", "(R)(S)", "(F)(F)", "(F)(R)", "(J)(W)", "(f)"})
    void keepsAnArrayWithInvalidFlagsAsUnknown(String flags) {
        String text = "md0 : active raid0 sdb[1]" + flags + " sda[0]\n      1024 blocks super 1.2 512k chunks\n"
                + "      \nmd1 : active raid0 sdd[1] sdc[0]\n      2048 blocks super 1.2 512k chunks\n";

        List<RaidArray> arrays = MdStat.parse(text);

        assertThat(arrays.get(0)).isEqualTo(
                new RaidArray("md0", "unknown", "unknown", List.of(), 0, 0, java.util.Optional.empty()));
        assertThat(arrays.get(1).level()).isEqualTo("raid0");
    }

    @Test
    void keepsTheOtherArraysWhenOneBlockIsOdd() {
        List<RaidArray> arrays = MdStat.parse(Fixtures.mdstat("odd-array"));

        assertThat(arrays).extracting(RaidArray::name, RaidArray::level, RaidArray::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("md0", "raid0", "active"),
                org.assertj.core.groups.Tuple.tuple("md1", "unknown", "unknown"),
                org.assertj.core.groups.Tuple.tuple("md2", "raid0", "active"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "md0 : active raid0 sdj2[X] sda[0]\n      1024 blocks 512k chunks\n",
        "md0 : active raid0 sdb[1] sda[0]\n      99999999999999999999 blocks 512k chunks\n",
        "md0 : active raid0 sdb[1] sda[0]\n      9223372036854775807 blocks 512k chunks\n",
        "md0 : active raid0 sdb[1] sda[0]\n      1024 blocks super 1.2 [2/2] [UU]\n",
        "md0 : active raid1 sdb[1] sda[0]\n      1024 blocks super 1.2 [3/2] [UU]\n",
        "md0 : active raid1 sdb[1] sda[0]\n      1024 blocks super 1.2 [2/2] [UU]\n      frobnicate = 3%\n",
        "md0 : active raid1 sdb[1] sda[0]\n      1024 blocks super 1.2 [2/2] [UU]\n"
                + "      [==>..]  resync = 130.0% (1/2) finish=1min speed=1K/sec\n",
        "md0 : active raid1 sdb[1] sda[0]\n      1024 blocks super 1.2 [2/2] [UU]\n\tresync=DELAYED\n"
                + "\tresync=PENDING\n",
        "md0 : active invalid sdb[1] sda[0]\n",
        "md0 : active linear sdb[1] sda[0]\n      1024 blocks super 1.2\n",
        "md0 : inactive (read-only) sdb[1]\n      1024 blocks\n"})
    void keepsUnreadableArrayBlocksAsUnknown(String text) {
        assertThat(MdStat.parse(text)).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("md0");
            assertThat(a.level()).isEqualTo("unknown");
            assertThat(a.state()).isEqualTo("unknown");
        });
    }

    @Test
    void readsAnInactiveArrayWithoutStatusLine() {
        assertThat(MdStat.parse("md127 : inactive sdb[0](S)\n       \nunused devices: <none>\n"))
                .containsExactly(new RaidArray("md127", "unknown", "inactive",
                        List.of(new RaidMember("sdb", -1, 0, MemberRole.SPARE)), 0, 0, java.util.Optional.empty()));
    }

    @Test
    void readsAFileWithoutArrays() {
        assertThat(MdStat.parse("Personalities : \nunused devices: <none>\n")).isEmpty();
    }

    @Test
    void acceptsCrlfLineEnds() {
        String text = Fixtures.mdstat("raid0-healthy").replace("\n", "\r\n");

        assertThat(MdStat.parse(text)).isEqualTo(MdStat.parse(Fixtures.mdstat("raid0-healthy")));
    }

    @Test
    void readsTheNodeExporterFixtureWithTabsAndNarrowIndentation() {
        Map<String, RaidArray> arrays = byName(MdStat.parse(Fixtures.mdstat("node-exporter-fixture")));

        assertThat(arrays).hasSize(12);
        assertThat(arrays.values()).filteredOn(a -> a.level().equals("unknown")).extracting(RaidArray::name)
                .containsExactly("md219");
        assertThat(arrays.values()).filteredOn(a -> a.level().equals("raid1")).hasSize(7);
        assertThat(arrays.get("md4").state()).isEqualTo("inactive");
        assertThat(arrays.get("md8").sync()).contains(SyncProgress.running("resync", 8.5));
        assertThat(arrays.get("md219").sizeBytes()).isEqualTo(7932L * 1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\n", "hello world\n", "{\"blockdevices\": []}",
        "Personalities : [raid1]\nmd3 : invalid\n      314159265 blocks 64k chunks\n\nunused devices: <none>\n",
        "md12 : active raid0 sdc2[0] sdd2[1]\n\n      3886394368 blocks super 1.2 512k chunks\n",
        "      1024 blocks super 1.2 512k chunks\n",
        "md0 : active raid0 sdb[1] sda[0]\n      1024 blocks 512k chunks\n\nmd0 : active raid0 sdc[0]\n      1 blocks 4k chunks\n",
        "MD0 -- active raid0\n"})
    void rejectsTextThatIsNotMdstat(String text) {
        assertThatThrownBy(() -> MdStat.parse(text, "node-3:/proc/mdstat"))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("node-3:/proc/mdstat:")
                .hasMessageContaining("expected");
    }

    @Test
    void namesSourceLineAndTextOfTheOffendingLine() {
        String text = "Personalities : [raid0] \nmd0 : active raid0 sdb[1] sda[0]\n      1024 blocks 512k chunks\n"
                + "      \nthis is not mdstat\n";

        assertThatThrownBy(() -> MdStat.parse(text, "capture.txt"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.source()).isEqualTo("capture.txt");
                    assertThat(e.line()).hasValue(5);
                    assertThat(e.offendingText()).contains("this is not mdstat");
                })
                .hasMessageContaining("capture.txt:5: not an mdstat line");
    }

    @Test
    void usesProcMdstatAsDefaultSourceName() {
        assertThatThrownBy(() -> MdStat.parse("garbage")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("/proc/mdstat:1:");
    }

    @Test
    void logsUnreadableBlocksOnOneSafeLine() {
        assertThat(MdStatParser.printable("found '\u001b[31mred\rforged'")).isEqualTo("found '?[31mred?forged'");
        assertThat(MdStatParser.printable("x".repeat(400))).hasSize(301).endsWith("…");
    }
}
