package dev.gantry.health.etcd;

import dev.gantry.core.ParseException;
import dev.gantry.core.etcd.EtcdAlarm;
import dev.gantry.core.etcd.EtcdMemberList;
import dev.gantry.core.etcd.EtcdStatus;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Reads the gateway's answers with lib-core's etcd parsers, the same ones that read {@code
 * etcdctl -w json}, and turns their failures into {@link EtcdException}s that name the endpoint
 * and the call. Only {@code /health}, which has no etcdctl twin, is read here. Thread-safe.
 */
final class EtcdAnswers {

    private static final int SHOWN = 60;

    private final EtcdHttp http;

    EtcdAnswers(EtcdHttp http) {
        this.http = http;
    }

    EtcdMemberList memberList(EtcdHttp.Answer answer) {
        return parsed(() -> EtcdMemberList.parse(answer.body(), answer.call()));
    }

    EtcdStatus status(EtcdHttp.Answer answer) {
        return parsed(() -> EtcdStatus.parse(answer.body(), answer.call()));
    }

    List<EtcdAlarm> alarms(EtcdHttp.Answer answer) {
        return parsed(() -> EtcdAlarm.parseList(answer.body(), answer.call()));
    }

    boolean health(JsonNode root, String call) {
        JsonNode health = root.path("health");
        if (health.isBoolean()) {
            return health.booleanValue();
        }
        String text = health.isString() ? health.asString() : "";
        if (!"true".equals(text) && !"false".equals(text)) {
            String shown = health.isMissingNode() ? "absent" : health.toString();
            throw http.failure(call + ": 'health' should be \"true\" or \"false\" but was "
                    + (shown.length() > SHOWN ? shown.substring(0, SHOWN) + "…" : shown), null);
        }
        return Boolean.parseBoolean(text);
    }

    String reason(JsonNode root, String call) {
        JsonNode reason = root.path("reason");
        if (reason.isMissingNode() || reason.isNull()) {
            return "";
        }
        if (!reason.isString()) {
            throw http.failure(call + ": 'reason' should be a string but was " + reason, null);
        }
        return reason.asString();
    }

    private <T> T parsed(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ParseException e) {
            throw http.failure(e.getMessage(), e);
        }
    }
}
