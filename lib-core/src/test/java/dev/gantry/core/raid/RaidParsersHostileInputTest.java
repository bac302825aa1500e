package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Empty, huge, deeply nested and control-character input for every parser of the package. */
class RaidParsersHostileInputTest {

    @Test
    void everyParserRejectsEmptyInputNamingItsSource() {
        assertThatThrownBy(() -> Lsblk.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("lsblk");
        assertThatThrownBy(() -> LvmReport.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("lvs");
        assertThatThrownBy(() -> BtrfsUsage.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("btrfs");
        assertThatThrownBy(() -> NodeExporterMd.parse("\n\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("node_exporter");
    }

    @Test
    void readsATenMegabyteLsblkDocument() {
        StringBuilder json = new StringBuilder("{\"blockdevices\": [\n");
        int disks = 0;
        while (json.length() < 10 * 1024 * 1024) {
            json.append(disks == 0 ? "" : ",\n").append("{\"name\": \"sd").append(disks).append("\", \"type\": \"disk\",")
                    .append(" \"size\": 1000204886016, \"min-io\": 512, \"opt-io\": 0, \"children\": [{\"name\": \"md")
                    .append(disks / 2).append("\", \"type\": \"raid0\", \"size\": 2000409772032, \"min-io\": 524288,")
                    .append(" \"opt-io\": 1048576}]}");
            disks++;
        }
        json.append("\n]}");

        List<RaidArray> arrays = Lsblk.parse(json.toString());

        assertThat(arrays).hasSize((disks + 1) / 2);
        assertThat(arrays.get(0).members()).hasSize(2);
    }

    @Test
    void readsATenMegabyteMetricsText() {
        StringBuilder text = new StringBuilder(Fixtures.read("raid/nodeexporter/md-raid0-raid1.prom"));
        int n = 0;
        while (text.length() < 10 * 1024 * 1024) {
            text.append("node_cpu_seconds_total{cpu=\"").append(n++).append("\",mode=\"idle\"} 1.2345e+06\n");
        }

        assertThat(NodeExporterMd.parse(text.toString())).extracting(RaidArray::name).containsExactly("md0", "md1", "md2");
    }

    @Test
    void rejectsInputLargerThanTheLimit() {
        String huge = "Data, RAID0: total=1, used=1\n".repeat(Input.MAX_CHARS / 29 + 1);

        assertThatThrownBy(() -> BtrfsUsage.parse(huge)).isInstanceOf(ParseException.class)
                .hasMessageContaining("more than the limit");
    }

    @Test
    void rejectsJsonNestedDeeperThanAnyToolPrints() {
        String deep = "{\"blockdevices\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThatThrownBy(() -> Lsblk.parse(deep)).isInstanceOf(ParseException.class).hasMessageContaining("nested");
    }

    @Test
    void escapesControlCharactersOfOffendingLines() {
        assertThatThrownBy(() -> BtrfsUsage.parse("Data, RAID0: total=1, used=1\n\u001b[2J\u202eevil\n"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.getMessage()).doesNotContain("\u001b").doesNotContain("\u202e");
                });
    }

    @Test
    void keepsHostileKeysOutOfMessagesUnshortened() {
        String key = "k".repeat(10_000);
        assertThatThrownBy(() -> Lsblk.parse("{\"blockdevices\": [{\"" + key + "\": 1, \"" + key + "\": 2}]}"))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1000));
    }

    @Test
    void boundsTheMembersAHostileMetricsTextCanAskFor() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("node_md_disks{device=\"md").append(i).append("\",state=\"spare\"} 1e+300\n");
        }

        assertThatThrownBy(() -> NodeExporterMd.parse(text.toString())).isInstanceOf(ParseException.class)
                .hasMessageContaining("more than 100000");
    }
}
