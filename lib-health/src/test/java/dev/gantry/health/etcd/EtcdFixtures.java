package dev.gantry.health.etcd;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * etcd gateway answers shaped exactly as etcd 3.4.23 (Debian {@code etcd-server}) sent them on
 * this machine: uint64 values as decimal strings, zero, false and empty fields left out (so a
 * voting member has no {@code isLearner}, an unstarted one no {@code name} and no
 * {@code clientURLs}), {@code /health} as text/plain, and the alarm list without a header. See
 * shared/research/real-components.md, section 2.
 */
final class EtcdFixtures {

    /** Above Long.MAX_VALUE, as real etcd ids often are. */
    static final String CLUSTER = "18407693904262474632";
    static final String E1 = "10501334649042878790";
    static final String E2 = "18279440872267248588";
    static final String E3 = "1368218972592149496";
    static final String NEW = "9372538179322589801";

    private EtcdFixtures() {}

    static String member(String id, String name, String peer, String client) {
        return "{\"ID\":\"" + id + "\",\"name\":\"" + name + "\",\"peerURLs\":[\"" + peer + "\"],\"clientURLs\":[\""
                + client + "\"]}";
    }

    static String learner(String id, String name, String peer, String client) {
        return "{\"ID\":\"" + id + "\",\"name\":\"" + name + "\",\"peerURLs\":[\"" + peer + "\"],\"clientURLs\":[\""
                + client + "\"],\"isLearner\":true}";
    }

    /** A member added with {@code member add} that has not started: no name, no client URLs. */
    static String unstarted(String id, String peer) {
        return "{\"ID\":\"" + id + "\",\"peerURLs\":[\"" + peer + "\"]}";
    }

    static String memberList(String respondingId, String... members) {
        return "{\"header\":{\"cluster_id\":\"" + CLUSTER + "\",\"member_id\":\"" + respondingId
                + "\",\"raft_term\":\"2\"},\"members\":[" + String.join(",", members) + "]}";
    }

    static String threeMembers(String respondingId) {
        return memberList(respondingId, member(E1, "e1", "http://127.0.0.1:23801", "http://127.0.0.1:23791"),
                member(E2, "e2", "http://127.0.0.1:23802", "http://127.0.0.1:23792"),
                member(E3, "e3", "http://127.0.0.1:23803", "http://127.0.0.1:23793"));
    }

    /** A status; {@code leader} empty leaves the field out, as etcd does without a leader. */
    static String status(String memberId, String leader, String... errors) {
        String errorList = errors.length == 0 ? ""
                : ",\"errors\":[" + Arrays.stream(errors).map(e -> "\"" + e + "\"").collect(Collectors.joining(","))
                        + "]";
        return "{\"header\":{\"cluster_id\":\"" + CLUSTER + "\",\"member_id\":\"" + memberId
                + "\",\"revision\":\"1\",\"raft_term\":\"2\"},\"version\":\"3.4.23\",\"dbSize\":\"20480\""
                + (leader.isEmpty() ? "" : ",\"leader\":\"" + leader + "\"")
                + ",\"raftIndex\":\"9\",\"raftTerm\":\"2\",\"raftAppliedIndex\":\"9\"" + errorList
                + ",\"dbSizeInUse\":\"16384\"}";
    }

    static String alarm(String memberId, String type) {
        return "{\"memberID\":\"" + memberId + "\",\"alarm\":\"" + type + "\"}";
    }

    static String alarms(String... alarms) {
        return alarms.length == 0 ? "{}" : "{\"alarms\":[" + String.join(",", alarms) + "]}";
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder health(boolean healthy) {
        return aResponse().withStatus(healthy ? 200 : 503).withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("{\"health\":\"" + healthy + "\"}");
    }

    /** Stubs every call of one member of the three-member cluster. */
    static void serve(WireMockExtension server, String memberId, boolean healthy, String leader, String alarmList) {
        server.stubFor(get(urlEqualTo("/health")).willReturn(health(healthy)));
        server.stubFor(post(urlEqualTo("/v3/cluster/member/list")).willReturn(json(threeMembers(memberId))));
        server.stubFor(post(urlEqualTo("/v3/maintenance/status")).willReturn(json(status(memberId, leader))));
        server.stubFor(post(urlEqualTo("/v3/maintenance/alarm")).willReturn(json(alarmList)));
    }
}
