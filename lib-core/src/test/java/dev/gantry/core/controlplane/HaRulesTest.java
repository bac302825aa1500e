package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import dev.gantry.core.controlplane.ControlPlaneShape.Member;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaRulesTest {

    private static final HaRules DEFAULTS = HaRules.of(HaPolicy.ofDefaults());

    private static List<Member> threeZones() {
        return List.of(Member.of("cp-1", "a", "10.0.1.11"), Member.of("cp-2", "b", "10.0.2.11"),
                Member.of("cp-3", "c", "10.0.3.11"));
    }

    private static Finding only(Report report, String code, String subject) {
        return report.findings().stream().filter(f -> f.code().equals(code) && f.subject().equals(subject))
                .findFirst().orElseThrow(() -> new AssertionError("no " + code + " in\n" + report.toText()));
    }

    @Test
    void aHealthyShapePassesWithTheSummaryFirst() {
        Report report = DEFAULTS.check(ControlPlaneShape.stacked(threeZones())
                .withEndpoint(ApiEndpoint.parse("k8s-api.prod.example.com")));

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.findings().subList(0, 3)).extracting(Finding::code)
                .containsExactly("HA-QUORUM", "HA-SPREAD", "HA-ENDPOINT");
        assertThat(report.findings()).extracting(Finding::code).allMatch(HaRules.CODES::contains);
    }

    @Test
    void anEndpointThatIsAMembersIpv6AddressIsFoundInAnySpelling() {
        List<Member> v6 = List.of(Member.of("cp-1", "a", "fd00:0:0:1::11"), Member.of("cp-2", "b", "fd00:0:0:1::12"),
                Member.of("cp-3", "c", "fd00:0:0:1::13"));
        ControlPlaneShape shape = ControlPlaneShape.stacked(v6).withEndpoint(ApiEndpoint.parse("[fd00:0000:0:1:0::12]"));

        assertThat(shape.endpointMember()).map(Member::name).contains("cp-2");
        assertThat(only(DEFAULTS.check(shape), "HA-ENDPOINT-IS-NODE", "endpoint").severity()).isEqualTo(Severity.FAIL);
    }

    @Test
    void externalEtcdMembersOfUnknownDomainAreCountedButTheirSpreadIsNotJudged() {
        List<Member> etcd = List.of(Member.of("etcd-1", "a", "10.0.9.1").withUnknownFailureDomain(),
                Member.of("etcd-2", "b", "10.0.9.2"), Member.of("etcd-3", "c", "10.0.9.3"));
        Report report = DEFAULTS.check(ControlPlaneShape.external(threeZones(), etcd)
                .withEndpoint(ApiEndpoint.parse("k8s-api")));

        assertThat(only(report, "HA-MEMBERS-ENOUGH", "etcd").severity()).isEqualTo(Severity.PASS);
        Finding zone = only(report, "HA-ZONE-LOSS-BREAKS-QUORUM", "etcd");
        assertThat(zone.severity()).isEqualTo(Severity.INFO);
        assertThat(zone.message()).contains("failure domains of etcd-1 are unknown");
        assertThat(only(report, "HA-ZONE-LOSS-SURVIVED", "api servers").severity()).isEqualTo(Severity.PASS);
    }

    @Test
    void anEmptyShapeFailsForTooFewMembersAndAMissingEndpointWithoutQuorumMath() {
        Report report = DEFAULTS.check(ControlPlaneShape.stacked(List.of()));

        assertThat(report.failures()).extracting(Finding::code)
                .containsExactly("HA-TOO-FEW-MEMBERS", "HA-ENDPOINT-MISSING");
        assertThat(only(report, "HA-ENDPOINT", "endpoint").message()).contains("no control-plane machine");
    }

    @Test
    void shapesRejectNullsAndCopyTheirLists() {
        assertThatThrownBy(() -> ControlPlaneShape.stacked(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("members");
        assertThatThrownBy(() -> Member.of("cp-1", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("failureDomain");
        ArrayList<Member> members = new ArrayList<>(threeZones());
        ControlPlaneShape shape = ControlPlaneShape.stacked(members);
        members.clear();
        assertThat(shape.members()).hasSize(3);
    }
}
