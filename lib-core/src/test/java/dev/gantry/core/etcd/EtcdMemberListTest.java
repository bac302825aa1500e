package dev.gantry.core.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one reader of etcd's member-list JSON, fed both shapes real etcd 3.4.23 (Debian etcd-server
 * and etcd-client) printed: the gateway's answer with ids as decimal strings, and {@code etcdctl
 * member list -w json} with ids as JSON numbers. See shared/research/real-components.md, section 2.
 */
class EtcdMemberListTest {

    /** Gateway: uint64 as strings, zero/false/empty fields left out (voting member, unstarted one). */
    private static final String GATEWAY = """
            {"header":{"cluster_id":"18407693904262474632","member_id":"10501334649042878790","raft_term":"2"},
             "members":[{"ID":"10501334649042878790","name":"e1","peerURLs":["http://127.0.0.1:23801"],
                         "clientURLs":["http://127.0.0.1:23791"]},
                        {"ID":"18279440872267248588","name":"e2","peerURLs":["http://127.0.0.1:23802"],
                         "clientURLs":["http://127.0.0.1:23792"],"isLearner":true},
                        {"ID":"9372538179322589801","peerURLs":["http://127.0.0.1:23804"]}]}""";

    /** etcdctl 3.4 {@code member list -w json}: the same fields, ids as JSON numbers. */
    private static final String ETCDCTL = """
            {"header":{"cluster_id":18407693904262474632,"member_id":1368218972592149496,"raft_term":2},
             "members":[{"ID":1368218972592149496,"name":"e1","peerURLs":["http://127.0.0.1:23801"],
               "clientURLs":["http://127.0.0.1:23791"]},
              {"ID":18279440872267248588,"name":"e2","peerURLs":["http://127.0.0.1:23802"],
               "clientURLs":["http://127.0.0.1:23792"],"isLearner":true}]}""";

    @Test
    void readsTheGatewayAnswerWithLearnersAndUnstartedMembers() {
        EtcdMemberList list = EtcdMemberList.parse(GATEWAY);

        assertThat(list.clusterIdText()).isEqualTo("18407693904262474632");
        assertThat(list.members()).extracting(EtcdMember::label).containsExactly("e1", "e2", "unstarted 8211f1d0f64f3269");
        assertThat(list.byName("e2")).hasValueSatisfying(m -> assertThat(m.learner()).isTrue());
        assertThat(list.byName("e1")).hasValueSatisfying(m -> assertThat(m.learner()).isFalse());
        assertThat(list.members().get(2).clientUrls()).isEmpty();
    }

    @Test
    void readsEtcdctlOutputWithIdsAsNumbersBeyondLongTheSameWay() {
        EtcdMemberList list = EtcdMemberList.parse(ETCDCTL, "etcdctl member list on cp-1");

        assertThat(list.respondingMemberId()).isEqualTo(1368218972592149496L);
        assertThat(list.byName("e2")).hasValueSatisfying(m -> {
            assertThat(m.idText()).isEqualTo("18279440872267248588");
            assertThat(m.idHex()).isEqualTo("fdad9e9fec3ef3cc");
            assertThat(m.learner()).isTrue();
        });
        assertThat(list.byId(Long.parseUnsignedLong("18279440872267248588"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{\"header\":", "[1,2]", "{}", "null"})
    void malformedOrEmptyTextFailsNamingTheSource(String text) {
        assertThatThrownBy(() -> EtcdMemberList.parse(text, "etcdctl on cp-1")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("etcdctl on cp-1: ");
    }

    @Test
    void aListWithoutMembersIsNotReadAsAnEmptyCluster() {
        String empty = "{\"header\":{\"cluster_id\":1,\"member_id\":2},\"members\":[]}";

        assertThatThrownBy(() -> EtcdMemberList.parse(empty)).hasMessageContaining("a non-empty array of members");
    }

    @Test
    void fieldsOfTheWrongTypeFailWithTheFieldAndWhatWasExpected() {
        assertThatThrownBy(() -> EtcdMemberList.parse(GATEWAY.replace("\"10501334649042878790\",\"name\"", "-1,\"name\"")))
                .hasMessageContaining("'ID' should be an unsigned 64-bit decimal");
        assertThatThrownBy(() -> EtcdMemberList.parse(GATEWAY.replace("\"9372538179322589801\"", "\"18446744073709551616\"")))
                .hasMessageContaining("'ID' should be a value below 2^64");
        assertThatThrownBy(() -> EtcdMemberList.parse(ETCDCTL.replace("\"isLearner\":true", "\"isLearner\":\"yes\"")))
                .hasMessageContaining("'isLearner' should be true or false but was \"yes\"");
        assertThatThrownBy(() -> EtcdMemberList.parse(ETCDCTL.replace("[\"http://127.0.0.1:23801\"]", "[7]")))
                .hasMessageContaining("'peerURLs' should be an array of strings");
        assertThatThrownBy(() -> EtcdMemberList.parse("{\"header\":{\"cluster_id\":1,\"member_id\":2},\"members\":[3]}"))
                .hasMessageContaining("an array of member objects");
        assertThatThrownBy(() -> EtcdMemberList.parse("{\"header\":{\"member_id\":2},\"members\":[{\"ID\":1}]}"))
                .hasMessageContaining("no 'cluster_id'");
    }

    @Test
    void hostileTextIsShownShortAndEscaped() {
        String hostile = "{\"header\":{\"cluster_id\":1,\"member_id\":2},\"members\":[{\"ID\":1,\"name\":\""
                + "evil\\nFAKE LOG LINE" + "x".repeat(5_000) + "\",\"isLearner\":\"\\u001b[31m\"}]}";

        assertThatThrownBy(() -> EtcdMemberList.parse(hostile)).isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").hasSizeLessThan(300));
    }

    @Test
    void aHugeClusterIsReadInFull() {
        String members = IntStream.rangeClosed(1, 10_000).mapToObj(i -> "{\"ID\":" + i + ",\"name\":\"m" + i
                + "\",\"peerURLs\":[\"http://10.0.0.1:" + i + "\"]}").collect(Collectors.joining(","));

        EtcdMemberList list = EtcdMemberList.parse("{\"header\":{\"cluster_id\":1,\"member_id\":1},\"members\":["
                + members + "]}");

        assertThat(list.members()).hasSize(10_000);
        assertThat(list.byName("m9999")).isPresent();
    }
}
