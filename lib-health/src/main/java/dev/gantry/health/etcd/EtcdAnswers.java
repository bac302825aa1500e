package dev.gantry.health.etcd;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Strict readers for the JSON of etcd's gRPC gateway. The gateway sends 64-bit numbers as decimal
 * strings and leaves out fields holding zero, false or empty values, so absent optional fields
 * read as those defaults while a field of the wrong type fails with the call, the field and what
 * was expected. Thread-safe.
 */
final class EtcdAnswers {

    private static final int SHOWN = 60;
    private static final String UNSIGNED = "0|[1-9][0-9]{0,19}";

    private final EtcdHttp http;

    EtcdAnswers(EtcdHttp http) {
        this.http = http;
    }

    EtcdMemberList memberList(JsonNode root, String call) {
        JsonNode header = object(root, "header", call);
        JsonNode members = root.path("members");
        if (!members.isArray() || members.isEmpty()) {
            throw wrong(call, "members", "a non-empty array of members", members);
        }
        List<EtcdMember> list = new ArrayList<>();
        for (JsonNode member : members) {
            list.add(member(member, call + " member"));
        }
        return new EtcdMemberList(unsigned(header, "cluster_id", call), unsigned(header, "member_id", call), list);
    }

    EtcdStatus status(JsonNode root, String call) {
        JsonNode header = object(root, "header", call);
        return new EtcdStatus(unsigned(header, "cluster_id", call), unsigned(header, "member_id", call),
                text(root, "version", call, true), optionalUnsigned(root, "dbSize", call),
                optionalUnsigned(root, "leader", call), optionalUnsigned(root, "raftTerm", call),
                flag(root, "isLearner", call), texts(root, "errors", call));
    }

    List<EtcdAlarm> alarms(JsonNode root, String call) {
        JsonNode alarms = root.path("alarms");
        if (alarms.isMissingNode() || alarms.isNull()) {
            return List.of();
        }
        if (!alarms.isArray()) {
            throw wrong(call, "alarms", "an array of alarms", alarms);
        }
        List<EtcdAlarm> list = new ArrayList<>();
        for (JsonNode alarm : alarms) {
            String type = text(alarm, "alarm", call + " alarm", false);
            if (!type.isEmpty() && !"NONE".equals(type)) {
                list.add(new EtcdAlarm(unsigned(alarm, "memberID", call + " alarm"), type));
            }
        }
        return List.copyOf(list);
    }

    boolean health(JsonNode root, String call) {
        JsonNode health = root.path("health");
        if (health.isBoolean()) {
            return health.booleanValue();
        }
        String text = health.isString() ? health.asString() : "";
        if (!"true".equals(text) && !"false".equals(text)) {
            throw wrong(call, "health", "\"true\" or \"false\"", health);
        }
        return Boolean.parseBoolean(text);
    }

    String reason(JsonNode root, String call) {
        return text(root, "reason", call, false);
    }

    private EtcdMember member(JsonNode member, String call) {
        if (!member.isObject()) {
            throw wrong(call, "", "an object", member);
        }
        long id = unsigned(member, "ID", call);
        return new EtcdMember(id, text(member, "name", call, false), texts(member, "peerURLs", call),
                texts(member, "clientURLs", call), flag(member, "isLearner", call));
    }

    /** A required unsigned 64-bit id: a decimal string, or a JSON number as etcdctl prints it. */
    private long unsigned(JsonNode parent, String field, String call) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            throw http.failure(call + ": the answer has no '" + field + "'; expected etcd's gateway JSON", null);
        }
        return unsignedValue(node, field, call);
    }

    private long optionalUnsigned(JsonNode parent, String field, String call) {
        JsonNode node = parent.path(field);
        return node.isMissingNode() || node.isNull() ? 0 : unsignedValue(node, field, call);
    }

    private long unsignedValue(JsonNode node, String field, String call) {
        String digits = node.isString() ? node.asString() : node.isIntegralNumber() ? node.bigIntegerValue().toString() : "";
        if (!digits.matches(UNSIGNED)) {
            throw wrong(call, field, "an unsigned 64-bit decimal such as \"18279440872267248588\"", node);
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw wrong(call, field, "a value below 2^64", node);
        }
    }

    private String text(JsonNode parent, String field, String call, boolean required) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw http.failure(call + ": the answer has no '" + field + "'; expected etcd's gateway JSON", null);
            }
            return "";
        }
        if (!node.isString()) {
            throw wrong(call, field, "a string", node);
        }
        return node.asString();
    }

    private List<String> texts(JsonNode parent, String field, String call) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrong(call, field, "an array of strings", node);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isString()) {
                throw wrong(call, field, "an array of strings", node);
            }
            values.add(value.asString());
        }
        return List.copyOf(values);
    }

    private boolean flag(JsonNode parent, String field, String call) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw wrong(call, field, "true or false", node);
        }
        return node.booleanValue();
    }

    private JsonNode object(JsonNode parent, String field, String call) {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            throw wrong(call, field, "an object; is this etcd's client port?", node);
        }
        return node;
    }

    private EtcdException wrong(String call, String field, String expected, JsonNode node) {
        String where = field.isEmpty() ? call : call + ": '" + field + "'";
        String text = node.isMissingNode() ? "absent" : node.toString();
        String shown = text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
        return http.failure(where + " should be " + expected + " but was " + shown, null);
    }
}
