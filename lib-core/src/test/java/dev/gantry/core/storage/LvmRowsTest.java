package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LvmRowsTest {

    /**
     * lvm2 2.03.16 (Debian 12), measured here in metadata-only mode on loop devices: {@code env
     * LC_ALL=C lvs --reportformat json --units b --nosuffix -o lv_name,vg_name,lv_size,lv_tags,segtype,stripes};
     * the WARNING line is LVM's, on standard output.
     */
    private static final String LVS = """
              WARNING: Activation disabled. No device-mapper interaction will be attempted.
              {
                  "report": [
                      {
                          "lv": [
                              {"lv_name":"lin", "vg_name":"vgx", "lv_size":"4194304", "lv_tags":"", "segtype":"linear", "stripes":"1"},
                              {"lv_name":"prod.data-db-0", "vg_name":"vgx", "lv_size":"427819008", "lv_tags":"gantry.claim=prod/data-db-0", "segtype":"striped", "stripes":"3"},
                              {"lv_name":"r0", "vg_name":"vgx", "lv_size":"109051904", "lv_tags":"gantry.claim=ns/x.y", "segtype":"raid0", "stripes":"2"}
                          ]
                      }
                  ]
              }
            """;

    @Test
    void readsEveryRowOfTheSectionWithValuesAsLvmPrintedThem() {
        List<LvmRows.Row> rows = LvmRows.parse(LVS, "lv", "lvs");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).text("lv_name")).hasValue("prod.data-db-0");
        assertThat(rows.get(1).text("lv_tags")).hasValue("gantry.claim=prod/data-db-0");
        assertThat(LvmRows.bytes(rows.get(1), "lv_size", "lvs")).isEqualTo(427_819_008L);
        assertThat(rows.get(1).line()).isEqualTo(7);
    }

    @Test
    void anEmptyValueIsAbsent() {
        assertThat(LvmRows.parse(LVS, "lv", "lvs").get(0).text("lv_tags")).isEmpty();
        assertThat(LvmRows.parse("{\"report\":[{\"pv\":[{\"pv_name\":\"/dev/sdb\", \"vg_name\":\" \"}]}]}", "pv",
                "pvs").get(0).text("vg_name")).isEmpty();
    }

    @Test
    void warningLinesInsideTheDocumentAreSkipped() {
        String text = "{\"report\": [\n  WARNING: Archive file pruning failed.\n{\"vg\": [\n"
                + "{\"vg_name\":\"vg0\", \"vg_extent_size\":\"4194304\"}\n]}\n]}\n  WARNING: after\n";

        assertThat(LvmRows.parse(text, "vg", "vgs")).singleElement()
                .satisfies(r -> assertThat(r.text("vg_name")).hasValue("vg0"));
    }

    @Test
    void aReportWithoutTheSectionOrWithAnEmptyListHasNoRows() {
        assertThat(LvmRows.parse("{\"report\":[{\"pv\":[]}]}", "pv", "pvs")).isEmpty();
        assertThat(LvmRows.parse("{\"report\":[{\"vg\":[{\"vg_name\":\"a\"}]}]}", "lv", "lvs")).isEmpty();
        assertThat(LvmRows.parse("{\"report\":[]}", "lv", "lvs")).isEmpty();
    }

    @Test
    void bytesAcceptAnLvmSuffixAndRefuseHumanUnitsNegativesAndOverflow() {
        LvmRows.Row row = LvmRows.parse("{\"report\":[{\"lv\":[{\"a\":\"104857600B\", \"b\":\"<9.00g\","
                + " \"c\":\"-1\", \"d\":\"9999999999999999999\", \"e\":\"0\"}]}]}", "lv", "lvs").get(0);

        assertThat(LvmRows.bytes(row, "a", "lvs")).isEqualTo(104_857_600L);
        assertThat(LvmRows.bytes(row, "e", "lvs")).isZero();
        for (String key : List.of("b", "c", "d")) {
            assertThatThrownBy(() -> LvmRows.bytes(row, key, "lvs on n1")).isInstanceOf(ParseException.class)
                    .hasMessageContaining("lvs on n1").hasMessageContaining("--units b --nosuffix");
        }
        assertThatThrownBy(() -> LvmRows.bytes(row, "missing", "lvs")).isInstanceOf(ParseException.class)
                .hasMessageContaining("without \"missing\"");
    }

    @Test
    void emptyOutputAndOutputWithOnlyMessagesAreRefusedNamingTheSource() {
        for (String text : List.of("", "  \n", "  WARNING: Activation disabled.\n  No volume groups found\n")) {
            assertThatThrownBy(() -> LvmRows.parse(text, "vg", "vgs on worker-1")).as(text)
                    .isInstanceOf(ParseException.class).hasMessageContaining("vgs on worker-1");
        }
    }

    @Test
    void malformedReportsAreRefusedWithWhatWasExpected() {
        for (String text : List.of("{\"report\": [", "{\"report\": {}}", "[1, 2]", "{\"other\": []}",
                "{\"report\": [{\"lv\": {\"lv_name\": \"x\"}}]}", "{\"report\": [{\"lv\": [\"x\"]}]}",
                "{\"report\": [{\"lv\": [{\"lv_name\": {\"nested\": 1}}]}]}",
                "{\"report\": [{\"lv\": [{\"lv_name\": \"a\", \"lv_name\": \"b\"}]}]}")) {
            assertThatThrownBy(() -> LvmRows.parse(text, "lv", "lvs")).as(text).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void hostileInputIsRefusedWithoutWalkingIt() {
        String deep = "{\"report\": [" + "[".repeat(10_000) + "]".repeat(10_000) + "]}";
        String huge = " ".repeat(LvmRows.MAX_CHARS) + "{}";

        assertThatThrownBy(() -> LvmRows.parse(deep, "lv", "lvs")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> LvmRows.parse(huge, "lv", "lvs")).isInstanceOf(ParseException.class)
                .hasMessageContaining("more than the " + LvmRows.MAX_CHARS);
    }

    @Test
    void manyRowsAndControlCharactersInValuesAreReadAsText() {
        StringBuilder big = new StringBuilder("{\"report\":[{\"lv\":[\n");
        for (int i = 0; i < 20_000; i++) {
            big.append(i == 0 ? "" : ",\n").append("{\"lv_name\":\"lv").append(i)
                    .append("\", \"lv_tags\":\"a\\u0000b\"}");
        }
        big.append("\n]}]}\n");

        List<LvmRows.Row> rows = LvmRows.parse(big.toString(), "lv", "lvs");

        assertThat(rows).hasSize(20_000);
        assertThat(rows.get(19_999).text("lv_tags")).hasValue("a\u0000b");
    }
}
