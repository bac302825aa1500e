package dev.gantry.core.raid;

/** What a device does in an array. */
public enum MemberRole {
    /** Holds data: an active stripe or mirror member. */
    ACTIVE,
    /** Marked faulty: {@code (F)} in {@code /proc/mdstat}, {@code faulty} in sysfs or mdadm. */
    FAULTY,
    /** A spare, not holding data yet: {@code (S)}. */
    SPARE,
    /** Being rebuilt or replaced: a {@code (R)} replacement or a member in recovery. */
    REBUILDING,
    /** A journal device: {@code (J)}. */
    JOURNAL,
    /** The source gives no role. */
    UNKNOWN
}
