package dev.gantry.health.etcd;

import dev.gantry.core.etcd.EtcdAlarm;
import dev.gantry.core.etcd.EtcdMemberList;
import dev.gantry.core.etcd.EtcdStatus;
import dev.gantry.health.HttpEndpoint;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Reads one etcd member over its HTTP/JSON gRPC gateway on the client port (etcd 3.4 and later,
 * which serve {@code /v3/...}; 3.4 also answers on {@code /v3beta/...}).
 *
 * <p>Every call is bounded by the endpoint's {@link HttpEndpoint#timeout() timeout}, connect to last
 * byte, and reads at most {@link HttpEndpoint#maxBodyBytes()}. A failure is an {@link EtcdException}
 * naming the endpoint, the call and what was expected; nothing is retried here. A bearer token is
 * sent as etcd expects it, as the bare {@code Authorization} header value. Immutable and
 * thread-safe; share one per member.
 *
 * <pre>{@code
 * EtcdClient etcd = EtcdClient.of(HttpEndpoint.of("http://127.0.0.1:2379").withTimeout(Duration.ofSeconds(1)));
 * etcd.memberList().members().forEach(m -> System.out.println(m.idHex() + " " + m.label()));
 * etcd.status().hasLeader();
 * }</pre>
 *
 * <p>The answers are read by lib-core's parsers ({@link EtcdMemberList#parse(String, String)} and
 * the like), the same that read {@code etcdctl -w json}.
 */
public final class EtcdClient {

    private static final String HEALTH = "/health";
    private static final String MEMBER_LIST = "/v3/cluster/member/list";
    private static final String STATUS = "/v3/maintenance/status";
    private static final String ALARM = "/v3/maintenance/alarm";

    private final EtcdHttp http;
    private final EtcdAnswers answers;

    private EtcdClient(HttpEndpoint endpoint) {
        this.http = new EtcdHttp(Objects.requireNonNull(endpoint, "endpoint"));
        this.answers = new EtcdAnswers(http);
    }

    /**
     * Creates a client for one member.
     *
     * @param endpoint the member's client URL, credentials, timeout and size limit
     * @return the client
     */
    public static EtcdClient of(HttpEndpoint endpoint) {
        return new EtcdClient(endpoint);
    }

    /**
     * Creates a client for one member with the endpoint defaults (2 s timeout, 1 MiB answers).
     *
     * @param clientUrl the member's client URL, e.g. {@code http://127.0.0.1:2379}
     * @return the client
     */
    public static EtcdClient of(String clientUrl) {
        return new EtcdClient(HttpEndpoint.of(clientUrl));
    }

    /**
     * Returns the endpoint this client calls.
     *
     * @return the endpoint this client calls
     */
    public HttpEndpoint endpoint() {
        return http.endpoint();
    }

    /**
     * {@code GET /health}. A 503 with {@code {"health":"false"}} is an answer, not a failure.
     *
     * @return whether the member calls itself healthy
     * @throws EtcdException when the member cannot be reached in time or answers something else
     */
    public EtcdHealth health() {
        EtcdHttp.Answer answer = http.get(HEALTH);
        String expected = "200 or 503 with {\"health\":\"true\"|\"false\"}";
        if (answer.status() != 503) {
            http.requireOk(answer, expected);
        }
        JsonNode json = http.json(answer, expected);
        return new EtcdHealth(answers.health(json, answer.call()), answer.status(), answers.reason(json, answer.call()));
    }

    /**
     * {@code POST /v3/cluster/member/list}: served from the member's own view, so it answers even
     * without quorum.
     *
     * @return every member, learners and unstarted ones included
     * @throws EtcdException when the member cannot be reached in time or answers something else
     */
    public EtcdMemberList memberList() {
        String expected = "a JSON member list";
        EtcdHttp.Answer answer = http.requireOk(http.post(MEMBER_LIST, "{}"), expected);
        http.json(answer, expected);
        return answers.memberList(answer);
    }

    /**
     * {@code POST /v3/maintenance/status}: the member's id, version, leader and errors.
     *
     * @return the member's status
     * @throws EtcdException when the member cannot be reached in time or answers something else
     */
    public EtcdStatus status() {
        String expected = "a JSON status";
        EtcdHttp.Answer answer = http.requireOk(http.post(STATUS, "{}"), expected);
        http.json(answer, expected);
        return answers.status(answer);
    }

    /**
     * {@code POST /v3/maintenance/alarm} with action {@code GET}. The call goes through raft, so
     * without quorum it fails at the timeout.
     *
     * @return the active alarms, empty when there are none
     * @throws EtcdException when the member cannot be reached in time or answers something else
     */
    public List<EtcdAlarm> alarms() {
        String expected = "a JSON alarm list";
        EtcdHttp.Answer answer = http.requireOk(http.post(ALARM, "{\"action\":\"GET\"}"), expected);
        http.json(answer, expected);
        return answers.alarms(answer);
    }

    /**
     * Returns the endpoint, credentials masked.
     *
     * @return the endpoint, credentials masked
     */
    @Override
    public String toString() {
        return "EtcdClient[" + http.endpoint() + "]";
    }
}
