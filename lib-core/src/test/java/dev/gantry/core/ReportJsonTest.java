package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesTitleOkWorstAndFindingsInOrder() {
        Report report = Report.of(ReportTest.QUORUM, ReportTest.SPREAD).withTitle("prod");

        JsonNode root = JSON.readTree(report.toJson());

        assertThat(root.propertyNames()).containsExactly("title", "ok", "worst", "findings");
        assertThat(root.get("title").asString()).isEqualTo("prod");
        assertThat(root.get("ok").asBoolean()).isFalse();
        assertThat(root.get("worst").asString()).isEqualTo("FAIL");
        JsonNode first = root.get("findings").get(0);
        assertThat(first.get("severity").asString()).isEqualTo("FAIL");
        assertThat(first.get("code").asString()).isEqualTo("HA-QUORUM-EVEN");
        assertThat(first.get("subject").asString()).isEqualTo("cluster");
        assertThat(first.get("message").asString()).isEqualTo("4 voting members tolerate 1 failure, like 3");
        assertThat(first.get("remedy").asString()).isEqualTo("add or remove one control-plane machine");
        assertThat(root.get("findings").get(1).get("code").asString()).isEqualTo("HA-SPREAD");
    }

    @Test
    void leavesTheTitleOutWhenAbsent() {
        JsonNode root = JSON.readTree(Report.empty().toJson());

        assertThat(root.has("title")).isFalse();
        assertThat(root.get("ok").asBoolean()).isTrue();
        assertThat(root.get("worst").asString()).isEqualTo("PASS");
        assertThat(root.get("findings").isEmpty()).isTrue();
    }

    @Test
    void hostileTextRoundTripsExactly() {
        String hostile = "quote \" backslash \\ nul \u0000 esc \u001b newline \n </script> ]]>";
        Report report = Report.of(Finding.warn("X", "host", hostile, hostile));

        JsonNode finding = JSON.readTree(report.toJson()).get("findings").get(0);

        assertThat(finding.get("message").asString()).isEqualTo(hostile);
        assertThat(finding.get("remedy").asString()).isEqualTo(hostile);
    }
}
