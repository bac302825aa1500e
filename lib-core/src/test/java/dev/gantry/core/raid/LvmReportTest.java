package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LvmReportTest {

    @Test
    void readsAStripedVolumeInStripeOrderAndLeavesLinearOnesOut() {
        List<RaidArray> arrays = LvmReport.parse(Fixtures.read("raid/lvm/striped-and-linear.json"));

        assertThat(arrays).hasSize(1);
        RaidArray data = arrays.get(0);
        assertThat(data.name()).isEqualTo("vg0/data");
        assertThat(data.level()).isEqualTo("striped");
        assertThat(data.state()).isEqualTo("unknown");
        assertThat(data.chunkBytes()).isEqualTo(65536);
        assertThat(data.sizeBytes()).isEqualTo(1073741824000L);
        assertThat(data.members()).containsExactly(RaidMember.active("/dev/sdb", 0), RaidMember.active("/dev/sdc", 1));
    }

    @Test
    void findsTheDisksOfARaid0VolumeThroughItsImageSubVolumes() {
        List<RaidArray> arrays = LvmReport.parse(Fixtures.read("raid/lvm/raid0-rimage.json"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("vg1/lvr0");
        RaidArray lvr0 = arrays.get(0);
        assertThat(lvr0.level()).isEqualTo("raid0");
        assertThat(lvr0.state()).isEqualTo("active");
        assertThat(lvr0.chunkBytes()).isEqualTo(131072);
        assertThat(lvr0.members()).extracting(RaidMember::device).containsExactly("/dev/sda", "/dev/sdb", "/dev/sdc");
    }

    @Test
    void ignoresWarningLinesAroundAndInsideTheJsonAndMarksAMissingVolumeFaulty() {
        List<RaidArray> arrays = LvmReport.parse(Fixtures.read("raid/lvm/warnings-among-json.txt"));

        assertThat(arrays).hasSize(1);
        RaidArray data = arrays.get(0);
        assertThat(data.state()).isEqualTo("partial");
        assertThat(data.members()).extracting(RaidMember::role).containsExactly(MemberRole.ACTIVE, MemberRole.FAULTY);
        assertThat(data.activeMembers()).extracting(RaidMember::device).containsExactly("/dev/sdb");
    }

    @Test
    void readsSizesWithSuffixOrRoundedUnitsAndNamesImagesItCannotSee() {
        List<RaidArray> arrays = LvmReport.parse(Fixtures.read("raid/lvm/suffix-rounded.json"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("vg0/data", "vg0/scratch");
        assertThat(arrays.get(0).chunkBytes()).isEqualTo(65536);
        assertThat(arrays.get(0).sizeBytes()).isEqualTo(1073741824000L);
        RaidArray scratch = arrays.get(1);
        assertThat(scratch.level()).isEqualTo("raid0");
        assertThat(scratch.chunkBytes()).isEqualTo(65536);
        assertThat(scratch.sizeBytes()).isEqualTo(9L * 1024 * 1024 * 1024);
        assertThat(scratch.members()).extracting(RaidMember::device)
                .containsExactly("vg0/scratch_rimage_0", "vg0/scratch_rimage_1");
    }

    @Test
    void givesAVolumeWithStripedAndLinearSegmentsOneArrayPerLayout() {
        List<RaidArray> arrays = LvmReport.parse(Fixtures.read("raid/lvm/multi-segment.json"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("vg0/data", "vg0/data");
        assertThat(arrays).extracting(RaidArray::level).containsExactly("striped", "linear");
        assertThat(arrays.get(1).members()).extracting(RaidMember::device).containsExactly("/dev/sdd");
    }

    @Test
    void readsAnEmptyReport() {
        assertThat(LvmReport.parse("  {\n      \"report\": [\n          {\n              \"lv\": [\n              ]\n"
                + "          }\n      ]\n  }\n")).isEmpty();
    }

    @Test
    void rejectsOutputWithOnlyMessagesNamingTheFirstLine() {
        assertThatThrownBy(() -> LvmReport.parse("\n  No volume groups found.\n", "lvs on worker-3"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.source()).isEqualTo("lvs on worker-3");
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.offendingText()).hasValue("  No volume groups found.");
                });
    }

    @Test
    void rejectsAMalformedDevicesList() {
        String json = "{\"report\": [{\"lv\": [\n{\"lv_name\": \"d\", \"vg_name\": \"v\", \"segtype\": \"striped\","
                + " \"devices\": \"/dev/sdb,/dev/sdc(0)\"}]}]}";
        assertThatThrownBy(() -> LvmReport.parse(json))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.line()).hasValue(2))
                .hasMessageContaining("/dev/sdb(0),/dev/sdc(0)");
    }

    @Test
    void rejectsASizeThatIsNotANumber() {
        String json = "{\"report\": [{\"lv\": [\n{\"lv_name\": \"d\", \"vg_name\": \"v\", \"segtype\": \"striped\","
                + "\n \"stripe_size\": \"12 apples\"}]}]}";
        assertThatThrownBy(() -> LvmReport.parse(json))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.line()).hasValue(3))
                .hasMessageContaining("\"stripe_size\"").hasMessageContaining("--units b --nosuffix");
    }

    @Test
    void rejectsAVolumeWithoutAName() {
        assertThatThrownBy(() -> LvmReport.parse("{\"report\": [{\"lv\": [{\"vg_name\": \"v\"}]}]}"))
                .isInstanceOf(ParseException.class).hasMessageContaining("\"lv_name\"");
    }

    @Test
    void rejectsJsonWithoutAReport() {
        assertThatThrownBy(() -> LvmReport.parse("{\"lv\": []}"))
                .isInstanceOf(ParseException.class).hasMessageContaining("\"report\"");
    }
}
