package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MdadmDetailTest {

    @Test
    void readsTheHumanFormOfARaid0() {
        assertThat(MdadmDetail.parse(Fixtures.mdadm("raid0-detail"))).containsExactly(new RaidArray("md1", "raid0",
                "clean", List.of(RaidMember.active("/dev/nvme2n1", 0), RaidMember.active("/dev/nvme0n1", 1)),
                512 * 1024L, 937440256L * 1024, Optional.empty()));
    }

    @Test
    void readsTheExportFormOfTheSameArray() {
        RaidArray export = MdadmDetail.parse(Fixtures.mdadm("raid0-export")).get(0);
        RaidArray human = MdadmDetail.parse(Fixtures.mdadm("raid0-detail")).get(0);

        assertThat(export).isEqualTo(new RaidArray("md1", "raid0", "unknown", human.members(), 0, 0,
                Optional.empty()));
    }

    @Test
    void readsARecoveringRaid1WithMemberSizes() {
        RaidArray md0 = MdadmDetail.parse(Fixtures.mdadm("raid1-degraded-detail")).get(0);

        assertThat(md0.state()).isEqualTo("clean");
        assertThat(md0.sync()).contains(SyncProgress.running("recovery", 45));
        assertThat(md0.members()).containsExactly(new RaidMember("/dev/sda", 0, 104792064L * 1024, MemberRole.ACTIVE),
                new RaidMember("/dev/sdc", 1, 104792064L * 1024, MemberRole.REBUILDING));
    }

    @Test
    void readsABrokenRaid0WithARemovedMember() {
        RaidArray md0 = MdadmDetail.parse(Fixtures.mdadm("raid0-broken-detail")).get(0);

        assertThat(md0.state()).isEqualTo("failed");
        assertThat(md0.members()).containsExactly(RaidMember.active("/dev/nvme0n1", 0), RaidMember.missingSlot(1));
    }

    @Test
    void readsADdfContainerWhoseGuidLineContinuesWithADate() {
        RaidArray md127 = MdadmDetail.parse(Fixtures.mdadm("ddf-container-detail")).get(0);

        assertThat(md127).isEqualTo(new RaidArray("md127", "container", "unknown",
                List.of(new RaidMember("/dev/sdc", -1, 0, MemberRole.UNKNOWN),
                        new RaidMember("/dev/sdd", -1, 0, MemberRole.UNKNOWN)),
                0, 0, Optional.empty()));
    }

    @Test
    void readsARaid0VolumeInsideADdfContainer() {
        assertThat(MdadmDetail.parse(Fixtures.mdadm("ddf-volume-detail"))).containsExactly(new RaidArray("md126",
                "raid0", "clean", List.of(RaidMember.active("/dev/sdc", 0), RaidMember.active("/dev/sdd", 1)),
                64 * 1024L, 41877504L * 1024, Optional.empty()));
    }

    @Test
    void readsALabelWithoutValueAsTheMemberArraysOfAnEmptyContainerPrintIt() {
        String text = Fixtures.mdadm("ddf-container-detail").replace("Member Arrays : /dev/md/vol0", "Member Arrays :");

        assertThat(MdadmDetail.parse(text).get(0).level()).isEqualTo("container");
    }

    @Test
    void stillRejectsAParenthesisedLineThatContinuesNoLabel() {
        String text = "/dev/md0:\n                  (Linux-MD 12/01/26 09:14:42)\n        Raid Level : raid0\n";

        assertThatThrownBy(() -> MdadmDetail.parse(text)).isInstanceOf(ParseException.class)
                .hasMessageContaining("mdadm --detail:2:");
    }

    @Test
    void keepsBrokenAsTheStateWhenNotFailed() {
        String text = Fixtures.mdadm("raid0-broken-detail").replace("broken, FAILED", "broken");

        assertThat(MdadmDetail.parse(text).get(0).state()).isEqualTo("broken");
    }

    @Test
    void readsExportRolesSpareFaultyAndJournalAndAddsMissingSlots() {
        String text = "MD_LEVEL=raid5\nMD_DEVICES=3\nMD_UUID=ab:cd\nMD_DEVICE_dev_sda_ROLE=0\nMD_DEVICE_dev_sda_DEV=/dev/sda\n"
                + "MD_DEVICE_dev_sdb_ROLE=spare\nMD_DEVICE_dev_sdb_DEV=/dev/sdb\nMD_DEVICE_dev_sdc_ROLE=faulty\n"
                + "MD_DEVICE_dev_sdc_DEV=/dev/sdc\nMD_DEVICE_dev_sdd_ROLE=journal\nMD_DEVICE_dev_sdd_DEV=/dev/sdd\n"
                + "MD_DEVICE_dev_sde_ROLE=2\nMD_DEVICE_dev_sde_DEV=/dev/sde\n";

        RaidArray array = MdadmDetail.parse(text).get(0);

        assertThat(array.name()).isEqualTo("uuid:ab:cd");
        assertThat(array.members()).extracting(RaidMember::role).containsExactly(MemberRole.ACTIVE, MemberRole.SPARE,
                MemberRole.FAULTY, MemberRole.JOURNAL, MemberRole.ACTIVE, MemberRole.UNKNOWN);
        assertThat(array.members().get(5)).isEqualTo(RaidMember.missingSlot(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n \n", "hello\n", "/dev/md0:\n   Raid Level raid0\n",
        "/dev/md0:\n   Version : 1.2\n",
        "MD_LEVEL=raid0\nthis is not export\n", "MD_DEVICES=2\n",
        "MD_LEVEL=raid0\nMD_DEVICES=99999999999\n", "MD_LEVEL=raid0\nMD_DEVICES=100000000\n",
        "MD_LEVEL=raid0\nMD_DEVICES=2\nMD_DEVICE_dev_sda_ROLE=sideways\n",
        "/dev/md0:\n  Raid Level : raid0\n  Chunk Size : lots\n",
        "/dev/md0:\n  Raid Level : raid0\n  Array Size : big (1 GiB)\n",
        "/dev/md0:\n  Raid Level : raid0\n  Raid Devices : 5000\n",
        "/dev/md0:\n  Raid Level : raid1\n  Rebuild Status : 145% complete\n",
        "/dev/md0:\n  Raid Level : raid0\n    Number   Major   Minor   RaidDevice State\n   0  8  0  0\n",
        "/dev/md0:\n  Raid Level : raid0\n    Number   Major   Minor   RaidDevice State\n   0  8  0  0  dancing /dev/sda\n",
        "/dev/md0:\n  Raid Level : raid0\n    Number   Major   Minor   RaidDevice State\n   0  8  0  X  active /dev/sda\n"})
    void rejectsWhatIsNotMdadmDetailOutput(String text) {
        assertThatThrownBy(() -> MdadmDetail.parse(text, "worker-1: mdadm --detail /dev/md0"))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("worker-1: mdadm --detail /dev/md0");
    }

    @Test
    void namesTheLineOfABadTableRow() {
        String text = Fixtures.mdadm("raid0-detail").replace("active sync   /dev/nvme0n1", "exploded /dev/nvme0n1");

        assertThatThrownBy(() -> MdadmDetail.parse(text)).isInstanceOfSatisfying(ParseException.class, e -> {
            assertThat(e.source()).isEqualTo("mdadm --detail");
            assertThat(e.line()).hasValue(28);
            assertThat(e.offendingText()).hasValueSatisfying(t -> assertThat(t).contains("exploded"));
        });
    }

    @Test
    void readsAnInactiveArrayWhoseTableHasNoStateColumn() {
        String text = "/dev/md127:\n           Version : 1.2\n        Raid Level : raid0\n     Total Devices : 1\n"
                + "       Persistence : Superblock is persistent\n\n             State : inactive\n"
                + "   Working Devices : 1\n\n              UUID : 3b1a2f4e:9c0d7e21:5a6b8c9d:0e1f2a3b\n"
                + "            Events : 0\n\n    Number   Major   Minor   RaidDevice\n\n"
                + "       -       8       16        -        /dev/sdb\n";

        assertThat(MdadmDetail.parse(text)).containsExactly(new RaidArray("md127", "raid0", "inactive",
                List.of(new RaidMember("/dev/sdb", -1, 0, MemberRole.UNKNOWN)), 0, 0, Optional.empty()));
    }
}
