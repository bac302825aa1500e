package dev.gantry.health.etcd;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.gantry.health.etcd.EtcdFixtures.CLUSTER;
import static dev.gantry.health.etcd.EtcdFixtures.E1;
import static dev.gantry.health.etcd.EtcdFixtures.E2;
import static dev.gantry.health.etcd.EtcdFixtures.E3;
import static dev.gantry.health.etcd.EtcdFixtures.NEW;
import static dev.gantry.health.etcd.EtcdFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.gantry.core.Secret;
import dev.gantry.core.etcd.EtcdAlarm;
import dev.gantry.core.etcd.EtcdMember;
import dev.gantry.core.etcd.EtcdMemberList;
import dev.gantry.core.etcd.EtcdStatus;
import dev.gantry.health.HttpEndpoint;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EtcdClient} against answers recorded from etcd 3.4.23 (see {@link EtcdFixtures}) and broken ones. */
class EtcdClientTest {

    private static final String PASSWORD = "etcd-root-pw-do-not-print";

    @RegisterExtension
    static WireMockExtension etcd = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Generous: the first call of the class loads OkHttp on a busy machine; the timeout test sets its own. */
    private static HttpEndpoint endpoint() {
        return HttpEndpoint.of(etcd.baseUrl()).withBasicAuth("root", Secret.of(PASSWORD)).withTimeout(Duration.ofSeconds(10));
    }

    private static EtcdClient client() {
        return EtcdClient.of(endpoint());
    }

    private static void memberListAnswers(ResponseDefinitionBuilder answer) {
        etcd.stubFor(post(urlEqualTo("/v3/cluster/member/list")).willReturn(answer));
    }

    private static EtcdException fails(ThrowingCallable call) {
        EtcdException error = catchThrowableOfType(EtcdException.class, call);
        assertThat(error).as("the call should have failed").isNotNull();
        assertThat(error.endpoint()).isEqualTo(etcd.baseUrl());
        assertThat(error.getMessage()).startsWith("etcd " + etcd.baseUrl()).doesNotContain(PASSWORD);
        return error;
    }

    @Test
    void memberIdsAboveLongMaxRoundTripAsUnsignedDecimalAndHex() {
        memberListAnswers(json(EtcdFixtures.threeMembers(E2)));

        EtcdMemberList list = client().memberList();

        assertThat(list.members()).extracting(EtcdMember::idText).containsExactly(E1, E2, E3);
        assertThat(list.members()).extracting(EtcdMember::idHex)
                .containsExactly(new BigInteger(E1).toString(16), new BigInteger(E2).toString(16),
                        new BigInteger(E3).toString(16));
        assertThat(list.members().get(1).idHex()).isEqualTo("fdad9e9fec3ef3cc");
        assertThat(list.clusterIdText()).isEqualTo(CLUSTER);
        assertThat(Long.toUnsignedString(list.respondingMemberId())).isEqualTo(E2);
        assertThat(list.byId(Long.parseUnsignedLong(E1))).map(EtcdMember::name).hasValue("e1");
    }

    @Test
    void membersCarryNamesAndUrlsAndAreVotingWhenIsLearnerIsLeftOut() {
        memberListAnswers(json(EtcdFixtures.threeMembers(E1)));

        EtcdMember e3 = client().memberList().byName("e3").orElseThrow();

        assertThat(e3.peerUrls()).containsExactly("http://127.0.0.1:23803");
        assertThat(e3.clientUrls()).containsExactly("http://127.0.0.1:23793");
        assertThat(e3.learner()).isFalse();
        assertThat(e3.started()).isTrue();
    }

    @Test
    void aLearnerAndAMemberThatHasNotStartedAreReadAsSuch() {
        memberListAnswers(json(EtcdFixtures.memberList(E1,
                EtcdFixtures.member(E1, "e1", "http://127.0.0.1:23801", "http://127.0.0.1:23791"),
                EtcdFixtures.learner(E2, "e2", "http://127.0.0.1:23802", "http://127.0.0.1:23792"),
                EtcdFixtures.unstarted(NEW, "http://127.0.0.1:23804"))));

        List<EtcdMember> members = client().memberList().members();

        assertThat(members.get(1).learner()).isTrue();
        EtcdMember added = members.get(2);
        assertThat(added.started()).isFalse();
        assertThat(added.name()).isEmpty();
        assertThat(added.clientUrls()).isEmpty();
        assertThat(added.idText()).isEqualTo(NEW);
        assertThat(added.label()).isEqualTo("unstarted " + new BigInteger(NEW).toString(16));
    }

    @Test
    void theMemberListIsAPostWithAnEmptyJsonBody() {
        memberListAnswers(json(EtcdFixtures.threeMembers(E1)));

        client().memberList();

        etcd.verify(postRequestedFor(urlEqualTo("/v3/cluster/member/list")).withRequestBody(equalToJson("{}"))
                .withHeader("Authorization", equalTo("Basic cm9vdDpldGNkLXJvb3QtcHctZG8tbm90LXByaW50")));
    }

    @Test
    void aTokenIsSentAsTheBareAuthorizationValueAsEtcdExpects() {
        memberListAnswers(json(EtcdFixtures.threeMembers(E1)));

        EtcdClient.of(HttpEndpoint.of(etcd.baseUrl()).withBearerToken(Secret.of("tok.abc.1"))
                .withTimeout(Duration.ofSeconds(10))).memberList();

        etcd.verify(postRequestedFor(urlEqualTo("/v3/cluster/member/list"))
                .withHeader("Authorization", equalTo("tok.abc.1")));
    }

    @Test
    void statusReportsTheAnsweringMemberItsLeaderAndVersion() {
        etcd.stubFor(post(urlEqualTo("/v3/maintenance/status")).willReturn(json(EtcdFixtures.status(E2, E1))));

        EtcdStatus status = client().status();

        assertThat(Long.toUnsignedString(status.memberId())).isEqualTo(E2);
        assertThat(Long.toUnsignedString(status.leaderId())).isEqualTo(E1);
        assertThat(Long.toUnsignedString(status.clusterId())).isEqualTo(CLUSTER);
        assertThat(status.hasLeader()).isTrue();
        assertThat(status.isLeader()).isFalse();
        assertThat(status.version()).isEqualTo("3.4.23");
        assertThat(status.dbSizeBytes()).isEqualTo(20480);
        assertThat(status.raftTerm()).isEqualTo(2);
        assertThat(status.errors()).isEmpty();
    }

    @Test
    void aStatusWithoutLeaderFieldMeansNoLeaderAndCarriesEtcdsErrors() {
        etcd.stubFor(post(urlEqualTo("/v3/maintenance/status"))
                .willReturn(json(EtcdFixtures.status(E3, "", "etcdserver: no leader"))));

        EtcdStatus status = client().status();

        assertThat(status.hasLeader()).isFalse();
        assertThat(status.errors()).containsExactly("etcdserver: no leader");
    }

    @Test
    void healthTrueIsHealthyAndA503WithHealthFalseIsAnAnswerNotAFailure() {
        etcd.stubFor(get(urlEqualTo("/health")).willReturn(EtcdFixtures.health(true)));
        assertThat(client().health()).isEqualTo(new EtcdHealth(true, 200, ""));

        etcd.stubFor(get(urlEqualTo("/health")).willReturn(EtcdFixtures.health(false)));
        assertThat(client().health()).isEqualTo(new EtcdHealth(false, 503, ""));
    }

    @Test
    void theReasonOfNewerEtcdHealthAnswersIsKept() {
        etcd.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(503)
                .withBody("{\"health\":\"false\",\"reason\":\"RAFT NO LEADER\"}")));

        assertThat(client().health().reason()).isEqualTo("RAFT NO LEADER");
    }

    @Test
    void noAlarmsIsTheEmptyObjectEtcdSends() {
        etcd.stubFor(post(urlEqualTo("/v3/maintenance/alarm")).willReturn(json(EtcdFixtures.alarms())));

        assertThat(client().alarms()).isEmpty();
        etcd.verify(postRequestedFor(urlEqualTo("/v3/maintenance/alarm"))
                .withRequestBody(equalToJson("{\"action\":\"GET\"}")));
    }

    @Test
    void activeAlarmsAreListedWithTheirUnsignedMemberIds() {
        etcd.stubFor(post(urlEqualTo("/v3/maintenance/alarm")).willReturn(json(EtcdFixtures.alarms(
                EtcdFixtures.alarm(E2, "NOSPACE"), EtcdFixtures.alarm(E2, "CORRUPT")))));

        List<EtcdAlarm> alarms = client().alarms();

        assertThat(alarms).containsExactly(new EtcdAlarm(Long.parseUnsignedLong(E2), EtcdAlarm.NOSPACE),
                new EtcdAlarm(Long.parseUnsignedLong(E2), EtcdAlarm.CORRUPT));
        assertThat(alarms.get(0)).hasToString("NOSPACE on fdad9e9fec3ef3cc");
    }

    @Test
    void aServerErrorWithAnHtmlPageNamesTheCallAndStatus() {
        memberListAnswers(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Internal Server Error</body></html>"));

        EtcdException error = fails(() -> client().memberList());

        assertThat(error).hasMessageContaining("POST /v3/cluster/member/list: HTTP 500")
                .hasMessageContaining("expected a JSON member list").hasMessageContaining("Internal Server Error");
    }

    @Test
    void htmlInsteadOfJsonFailsAndQuotesTheStartOfTheAnswer() {
        memberListAnswers(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><title>Welcome to nginx!</title>"));

        EtcdException error = fails(() -> client().memberList());

        assertThat(error).hasMessageContaining("expected a JSON member list").hasMessageContaining("Welcome to nginx");
    }

    @Test
    void theGatewaysOwnErrorAnswerIsReported() {
        memberListAnswers(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid character 'g' looking for beginning of value\",\"code\":3}"));

        assertThat(fails(() -> client().memberList())).hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid character");
    }

    @Test
    void anEmptyBodyFails() {
        memberListAnswers(aResponse().withStatus(200).withBody(""));

        assertThat(fails(() -> client().memberList())).hasMessageContaining("an empty body");
    }

    @Test
    void aTruncatedAnswerFails() {
        memberListAnswers(json("{\"header\":{\"cluster_id\":\"" + CLUSTER + "\",\"member_id\":\"" + E1));
        assertThat(fails(() -> client().memberList())).hasMessageContaining("expected a JSON member list");

        memberListAnswers(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        assertThat(fails(() -> client().memberList())).hasMessageContaining("cannot reach the member");
    }

    @Test
    void aTenMegabyteAnswerIsCutOffAtTheLimit() {
        memberListAnswers(json("{\"members\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}"));

        EtcdException error = fails(() -> client().memberList());

        assertThat(error).hasMessageContaining("larger than " + HttpEndpoint.DEFAULT_MAX_BODY_BYTES + " bytes");
    }

    @Test
    void anAnswerSlowerThanTheTimeoutFailsAtTheDeadline() {
        memberListAnswers(json(EtcdFixtures.threeMembers(E1)).withFixedDelay(5_000));

        EtcdException error = fails(() -> EtcdClient.of(endpoint().withTimeout(Duration.ofMillis(500))).memberList());

        assertThat(error).hasMessageContaining("no answer within 500 ms");
    }

    @Test
    void anUnreachableMemberFailsWithItsUrl() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;

        EtcdException error = catchThrowableOfType(EtcdException.class, () -> EtcdClient.of(url).health());

        assertThat(error.endpoint()).isEqualTo(url);
        assertThat(error).hasMessageContaining("GET /health: cannot reach the member");
    }

    @Test
    void jsonOfAnotherShapeFailsInsteadOfReadingAnEmptyCluster() {
        memberListAnswers(json("{}"));
        assertThat(fails(() -> client().memberList())).hasMessageContaining("'header'");

        memberListAnswers(json("{\"header\":{\"cluster_id\":\"1\",\"member_id\":\"2\"},\"members\":[]}"));
        assertThat(fails(() -> client().memberList())).hasMessageContaining("a non-empty array of members");
    }

    @Test
    void anIdThatIsNotAnUnsignedDecimalFails() {
        memberListAnswers(json(EtcdFixtures.memberList(E1, EtcdFixtures.member("-5", "e1", "p", "c"))));
        assertThat(fails(() -> client().memberList())).hasMessageContaining("'ID' should be an unsigned 64-bit");

        memberListAnswers(json(EtcdFixtures.memberList(E1, EtcdFixtures.member("18446744073709551616", "e1", "p", "c"))));
        assertThat(fails(() -> client().memberList())).hasMessageContaining("below 2^64");
    }

    @Test
    void idsAsJsonNumbersAsEtcdctlPrintsThemAreReadToo() {
        memberListAnswers(json("{\"header\":{\"cluster_id\":" + CLUSTER + ",\"member_id\":" + E2 + "},\"members\":[{\"ID\":"
                + E2 + ",\"name\":\"e2\"}]}"));

        assertThat(client().memberList().members()).extracting(EtcdMember::idText).containsExactly(E2);
    }

    @Test
    void healthWithAnUnexpectedStatusOrBodyFails() {
        etcd.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(404).withBody("404 page not found")));
        assertThat(fails(() -> client().health())).hasMessageContaining("HTTP 404");

        etcd.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(503).withBody("{\"health\":\"maybe\"}")));
        assertThat(fails(() -> client().health())).hasMessageContaining("'health' should be \"true\" or \"false\"");
    }

    @Test
    void everyCallFailsOnGarbage() {
        etcd.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("garbage")));

        assertThat(fails(() -> client().health())).hasMessageContaining("GET /health");
        assertThat(fails(() -> client().status())).hasMessageContaining("POST /v3/maintenance/status");
        assertThat(fails(() -> client().alarms())).hasMessageContaining("POST /v3/maintenance/alarm");
    }

    @Test
    void theClientPrintsWithoutItsPassword() {
        assertThat(client().toString()).contains(etcd.baseUrl()).doesNotContain(PASSWORD);
    }
}
