package dev.gantry.core.etcd;

import java.util.Objects;

/**
 * An active alarm from {@code /v3/maintenance/alarm}: while one is raised the cluster refuses
 * writes ({@code NOSPACE}) or is suspect ({@code CORRUPT}).
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

    /** @return the alarm with the member id in hex */
    @Override
    public String toString() {
        return type + " on " + Long.toHexString(memberId);
    }
}
