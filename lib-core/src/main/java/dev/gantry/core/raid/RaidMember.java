package dev.gantry.core.raid;

import java.util.Objects;

/**
 * One device in a {@link RaidArray}.
 *
 * @param device the device as the source names it: {@code sdb1}, {@code /dev/nvme0n1}, or a stable
 *     {@code /dev/disk/by-id/...} path when the source gives one
 * @param index the member's slot in the array, or -1 when the source does not say
 * @param sizeBytes the member's size in bytes, or 0 when the source does not say
 * @param role what the member does in the array
 */
public record RaidMember(String device, int index, long sizeBytes, MemberRole role) {

    /**
     * The device name of a slot that the array has but no device fills: a {@code _} in mdstat's
     * {@code [U_]}, a {@code removed} row of {@code mdadm --detail}, a sysfs slot without a
     * {@code dev-*} directory.
     */
    public static final String MISSING_DEVICE = "(missing)";

    /** Checks the fields. */
    public RaidMember {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(role, "role");
        if (device.isBlank()) {
            throw new IllegalArgumentException("a RAID member needs a device name");
        }
        if (index < -1 || sizeBytes < 0) {
            throw new IllegalArgumentException("member " + device + ": index " + index + " and size " + sizeBytes
                    + " must not be negative");
        }
    }

    /**
     * An active member of unknown size.
     *
     * @param device the device name
     * @param index its slot, or -1
     * @return an active member of unknown size
     */
    public static RaidMember active(String device, int index) {
        return new RaidMember(device, index, 0, MemberRole.ACTIVE);
    }

    /**
     * A slot of the array that no device fills; its role is {@link MemberRole#UNKNOWN} and its
     * device {@link #MISSING_DEVICE}.
     *
     * @param slot the empty slot, or -1 when the source does not say which
     * @return the placeholder member
     */
    public static RaidMember missingSlot(int slot) {
        return new RaidMember(MISSING_DEVICE, slot, 0, MemberRole.UNKNOWN);
    }

    /**
     * A copy with another size.
     *
     * @param bytes the member's size
     * @return a copy with that size
     */
    public RaidMember withSizeBytes(long bytes) {
        return new RaidMember(device, index, bytes, role);
    }

    /**
     * A copy with another role.
     *
     * @param value the member's role
     * @return a copy with that role
     */
    public RaidMember withRole(MemberRole value) {
        return new RaidMember(device, index, sizeBytes, value);
    }

    /**
     * Returns whether the member is marked faulty.
     *
     * @return whether the member is marked faulty
     */
    public boolean faulty() {
        return role == MemberRole.FAULTY;
    }

    /**
     * Returns whether this is a {@linkplain #missingSlot(int) missing slot}, not a device.
     *
     * @return whether this is a {@linkplain #missingSlot(int) missing slot}, not a device
     */
    public boolean missing() {
        return MISSING_DEVICE.equals(device);
    }

    /**
     * Returns whether the member is a spare.
     *
     * @return whether the member is a spare
     */
    public boolean spare() {
        return role == MemberRole.SPARE;
    }
}
