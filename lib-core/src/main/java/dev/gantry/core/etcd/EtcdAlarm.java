package dev.gantry.core.etcd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * An active etcd alarm: while one is raised the cluster refuses writes ({@code NOSPACE}) or is
 * suspect ({@code CORRUPT}).
 *
 * <pre>{@code
 * List<EtcdAlarm> alarms = EtcdAlarm.parseList(answer, "POST /v3/maintenance/alarm");
 * }</pre>
 *
 * @param memberId the member that raised it, unsigned 64 bits held in a {@code long}
 * @param type the alarm as etcd names it, e.g. {@code NOSPACE} or {@code CORRUPT}
 */
public record EtcdAlarm(long memberId, String type) {

    /** The alarm raised when the backend exceeds its quota; the cluster takes no writes. */
    public static final String NOSPACE = "NOSPACE";
    /** The alarm raised when the corruption check finds members' data differ. */
    public static final String CORRUPT = "CORRUPT";

    /** Validates the fields. */
    public EtcdAlarm {
        Objects.requireNonNull(type, "type");
    }

    /**
     * Reads the active alarms from the answer of {@code /v3/maintenance/alarm} or {@code etcdctl
     * alarm list -w json}; an answer without {@code alarms} (etcd's way to say none) is empty, and
     * the placeholder alarm {@code NONE} is skipped.
     *
     * @param json the answer
     * @param sourceName where it came from, for failure messages
     * @return the active alarms
     * @throws dev.gantry.core.ParseException naming the source and the field when the answer has
     *     another shape
     */
    public static List<EtcdAlarm> parseList(String json, String sourceName) {
        EtcdJson.Root root = EtcdJson.read(json, sourceName, "a JSON alarm list");
        EtcdJson reader = root.reader();
        List<EtcdAlarm> list = new ArrayList<>();
        for (JsonNode alarm : reader.array(root.tree(), "alarms", "an array of alarms", false)) {
            String type = reader.text(alarm, "alarm", false);
            if (!type.isEmpty() && !"NONE".equals(type)) {
                list.add(new EtcdAlarm(reader.unsigned(alarm, "memberID"), type));
            }
        }
        return List.copyOf(list);
    }

    /**
     * Describes the alarm with the member id in hex.
     *
     * @return e.g. {@code NOSPACE on fdad9e9fec3ef3cc}
     */
    @Override
    public String toString() {
        return type + " on " + Long.toHexString(memberId);
    }
}
