package dev.gantry.health.etcd;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.gantry.health.etcd.EtcdFixtures.E1;
import static dev.gantry.health.etcd.EtcdFixtures.E2;
import static dev.gantry.health.etcd.EtcdFixtures.E3;
import static dev.gantry.health.etcd.EtcdFixtures.NEW;
import static dev.gantry.health.etcd.EtcdFixtures.alarm;
import static dev.gantry.health.etcd.EtcdFixtures.alarms;
import static dev.gantry.health.etcd.EtcdFixtures.json;
import static dev.gantry.health.etcd.EtcdFixtures.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.gantry.core.etcd.EtcdClusterView;
import dev.gantry.core.etcd.EtcdMember;
import dev.gantry.health.CheckResult;
import dev.gantry.health.Status;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.LiveThreads;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EtcdClusterCheck} over three fake members answering as etcd 3.4.23 does. */
class EtcdClusterCheckTest {

    @RegisterExtension
    static WireMockExtension m1 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static WireMockExtension m2 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static WireMockExtension m3 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static HttpEndpoint endpoint(WireMockExtension member) {
        return HttpEndpoint.of(member.baseUrl()).withTimeout(Duration.ofSeconds(10));
    }

    private static CheckResult check(HttpEndpoint... endpoints) {
        try (EtcdClusterCheck check = EtcdClusterCheck.of(endpoints)) {
            return check.check();
        }
    }

    private static CheckResult checkAllThree() {
        return check(endpoint(m1), endpoint(m2), endpoint(m3));
    }

    private static HttpEndpoint closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return HttpEndpoint.of("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static void allHealthy() {
        serve(m1, E1, true, E1, alarms());
        serve(m2, E2, true, E1, alarms());
        serve(m3, E3, true, E1, alarms());
    }

    @Test
    void threeHealthyMembersWithALeaderAreUp() {
        allHealthy();

        CheckResult result = checkAllThree();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.reason()).hasValue(EtcdClusterCheck.OK);
        assertThat(result.message()).isEqualTo("etcd 3 of 3 voting members healthy, leader e1");
        assertThat(result.details()).containsAllEntriesOf(Map.of("members", 3, "voting", 3, "learners", 0,
                "healthy", 3, "quorum", 2, "tolerates", 1, "leader", "e1", "unhealthy", ""));
    }

    @Test
    void oneUnreachableMemberOfThreeIsDegradedWithQuorumHeld() throws IOException {
        serve(m1, E1, true, E1, alarms());
        serve(m2, E2, true, E1, alarms());

        CheckResult result = check(endpoint(m1), endpoint(m2), closedPort());

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.reason()).hasValue(EtcdClusterCheck.MEMBER_DOWN);
        assertThat(result.message()).contains("2 of 3 voting members healthy (quorum 2, tolerates 0 more); down: e3");
        assertThat(result.details()).containsEntry("healthy", 2).containsEntry("tolerates", 0)
                .containsEntry("unhealthy", "e3");
    }

    @Test
    void aMemberAnswering503UnhealthyCountsAsDown() {
        allHealthy();
        serve(m2, E2, false, E1, alarms());

        CheckResult result = checkAllThree();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.details()).containsEntry("unhealthy", "e2");
    }

    @Test
    void twoOfThreeDownIsQuorumLost() throws IOException {
        serve(m1, E1, false, "", alarms());

        CheckResult result = check(endpoint(m1), closedPort(), closedPort());

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.reason()).hasValue(EtcdClusterCheck.QUORUM_LOST);
        assertThat(result.message()).contains("0 of 3 voting members healthy, at least 2 required");
        assertThat(result.details()).containsEntry("quorum", 2).containsEntry("tolerates", 0);
    }

    @Test
    void anActiveNospaceAlarmIsDownEvenThoughEveryMemberAnswers() {
        allHealthy();
        serve(m3, E3, true, E1, alarms(alarm(E2, "NOSPACE")));

        CheckResult result = checkAllThree();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.reason()).hasValue(EtcdClusterCheck.ALARM);
        assertThat(result.message()).contains("NOSPACE on e2");
    }

    @Test
    void aCorruptAlarmIsDownToo() {
        serve(m1, E1, false, E1, alarms(alarm(E3, "CORRUPT")));
        serve(m2, E2, false, E1, alarms(alarm(E3, "CORRUPT")));
        serve(m3, E3, false, E1, alarms(alarm(E3, "CORRUPT")));

        CheckResult result = checkAllThree();

        assertThat(result.reason()).hasValue(EtcdClusterCheck.ALARM);
        assertThat(result.message()).contains("CORRUPT on e3").doesNotContain("CORRUPT on e3, CORRUPT");
    }

    @Test
    void healthyMembersThatReportNoLeaderAreDown() {
        serve(m1, E1, true, "", alarms());
        serve(m2, E2, true, "", alarms());
        serve(m3, E3, true, "", alarms());

        CheckResult result = checkAllThree();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.reason()).hasValue(EtcdClusterCheck.LEADER_MISSING);
    }

    @Test
    void aMemberThatHasNotStartedYetDegradesTheCluster() {
        allHealthy();
        String fourWithNew = EtcdFixtures.memberList(E1,
                EtcdFixtures.member(E1, "e1", "http://127.0.0.1:23801", "http://127.0.0.1:23791"),
                EtcdFixtures.member(E2, "e2", "http://127.0.0.1:23802", "http://127.0.0.1:23792"),
                EtcdFixtures.member(E3, "e3", "http://127.0.0.1:23803", "http://127.0.0.1:23793"),
                EtcdFixtures.unstarted(NEW, "http://127.0.0.1:23804"));
        m1.stubFor(post(urlEqualTo("/v3/cluster/member/list")).willReturn(json(fourWithNew)));

        CheckResult result = checkAllThree();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.details()).containsEntry("voting", 4).containsEntry("quorum", 3)
                .containsEntry("healthy", 3).containsEntry("unhealthy", "unstarted 8211f1d0f64f3269");
    }

    @Test
    void aHealthyLearnerKeepsTheClusterUpAndIsCountedApart() {
        allHealthy();
        String withLearner = EtcdFixtures.memberList(E1,
                EtcdFixtures.member(E1, "e1", "http://127.0.0.1:23801", "http://127.0.0.1:23791"),
                EtcdFixtures.member(E2, "e2", "http://127.0.0.1:23802", "http://127.0.0.1:23792"),
                EtcdFixtures.learner(E3, "e3", "http://127.0.0.1:23803", "http://127.0.0.1:23793"));
        m1.stubFor(post(urlEqualTo("/v3/cluster/member/list")).willReturn(json(withLearner)));

        CheckResult result = checkAllThree();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details()).containsEntry("voting", 2).containsEntry("learners", 1)
                .containsEntry("quorum", 2);
    }

    @Test
    void aMemberSlowerThanItsTimeoutCountsAsDownAndDoesNotHoldUpTheCheck() {
        allHealthy();
        m3.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)
                .withBody("{\"health\":\"true\"}")));

        CheckResult result = check(endpoint(m1), endpoint(m2), endpoint(m3).withTimeout(Duration.ofMillis(500)));

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.details()).containsEntry("unhealthy", "e3");
    }

    @Test
    void noEndpointAnsweringIsDownAndUnreachable() throws IOException {
        HttpEndpoint dead = closedPort();

        CheckResult result = check(dead);

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.reason()).hasValue(EtcdClusterCheck.UNREACHABLE);
        assertThat(result.message()).contains(dead.url().toString()).contains("no endpoint answered the member list");
    }

    @Test
    void readReportsWhichEndpointFailedAndWhy() throws IOException {
        allHealthy();
        HttpEndpoint dead = closedPort();

        try (EtcdClusterCheck check = EtcdClusterCheck.of(endpoint(m1), dead)) {
            EtcdClusterView view = check.read();

            assertThat(view.endpointErrors()).containsOnlyKeys(dead.url().toString());
            assertThat(view.endpointErrors().get(dead.url().toString())).contains("cannot reach the member");
            assertThat(view.healthyIds()).containsExactly(Long.parseUnsignedLong(E1));
        }
    }

    @Test
    void readThrowsNamingEveryEndpointWhenNoneAnswers() throws IOException {
        HttpEndpoint dead = closedPort();

        try (EtcdClusterCheck check = EtcdClusterCheck.of(dead)) {
            assertThatThrownBy(check::read).isInstanceOf(EtcdException.class)
                    .hasMessageContaining(dead.url().toString());
        }
    }

    @Test
    void judgeWorksOnAViewBuiltByHand() {
        EtcdMember a = EtcdMember.of(1, "a", List.of(), List.of());
        EtcdMember b = EtcdMember.of(2, "b", List.of(), List.of());
        EtcdMember c = EtcdMember.of(3, "c", List.of(), List.of());

        CheckResult result = EtcdClusterCheck.check(EtcdClusterView.of(List.of(a, b, c), Set.of(1L, 2L, 3L))
                .withLeader(2));

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details()).containsEntry("leader", "b");
    }

    @Test
    void aReadLeavesNoThreadOfItsOwnBehindEvenBeforeTheCheckIsClosed() {
        serve(m1, E1, true, E1, alarms());
        EtcdClusterCheck check = EtcdClusterCheck.of(endpoint(m1));

        check.read();

        await().atMost(Duration.ofSeconds(10)).until(() -> LiveThreads.named("gantry-etcd-check").isEmpty());
        check.close();
    }

    @Test
    void aClosedCheckRefusesToRead() {
        EtcdClusterCheck check = EtcdClusterCheck.of(endpoint(m1));
        check.close();

        assertThatThrownBy(check::read).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void anEmptyEndpointListIsRejected() {
        assertThatThrownBy(() -> EtcdClusterCheck.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
