package dev.gantry.core.raid;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A striped or mirrored device as one tool reports it: an md array, an LVM striped or raid0
 * logical volume, or a btrfs data profile. Every parser in this package returns these, so one
 * {@code RaidCheck} reads them all.
 *
 * @param name the array's name: {@code md0}, {@code vg0/data}, {@code btrfs:<uuid>:data}
 * @param level the RAID level, lower case: {@code raid0}, {@code raid1}, {@code linear},
 *     {@code striped} (LVM), {@code single} (btrfs); {@code unknown} when the source does not say
 * @param state the array state as the source gives it: {@code active}, {@code inactive},
 *     {@code clean}, {@code broken}, {@code read-only}; {@code unknown} when it does not say
 * @param members the member devices, each once, in slot order when known
 * @param chunkBytes the chunk (stripe unit) size in bytes; 0 when not striped or not reported
 * @param sizeBytes the usable size in bytes; 0 when not reported
 * @param sync a resync, recovery, check or reshape in progress
 */
public record RaidArray(String name, String level, String state, List<RaidMember> members, long chunkBytes,
        long sizeBytes, Optional<SyncProgress> sync) {

    /** Checks the fields and copies the member list. */
    public RaidArray {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sync, "sync");
        members = List.copyOf(members);
        if (chunkBytes < 0 || sizeBytes < 0) {
            throw new IllegalArgumentException("array " + name + ": chunk " + chunkBytes + " and size " + sizeBytes
                    + " must not be negative");
        }
    }

    /**
     * An {@code active} array with no chunk, size or sync known.
     *
     * @param name the array's name
     * @param level its RAID level
     * @param members its members
     * @return an {@code active} array with no chunk, size or sync known
     */
    public static RaidArray of(String name, String level, List<RaidMember> members) {
        return new RaidArray(name, level, "active", members, 0, 0, Optional.empty());
    }

    /**
     * A copy with another state.
     *
     * @param value the state
     * @return a copy with that state
     */
    public RaidArray withState(String value) {
        return new RaidArray(name, level, value, members, chunkBytes, sizeBytes, sync);
    }

    /**
     * A copy with another chunk size.
     *
     * @param bytes the chunk size
     * @return a copy with that chunk size
     */
    public RaidArray withChunkBytes(long bytes) {
        return new RaidArray(name, level, state, members, bytes, sizeBytes, sync);
    }

    /**
     * A copy with another usable size.
     *
     * @param bytes the usable size
     * @return a copy with that size
     */
    public RaidArray withSizeBytes(long bytes) {
        return new RaidArray(name, level, state, members, chunkBytes, bytes, sync);
    }

    /**
     * A copy with a sync in progress.
     *
     * @param value the sync in progress
     * @return a copy with that sync
     */
    public RaidArray withSync(SyncProgress value) {
        return new RaidArray(name, level, state, members, chunkBytes, sizeBytes, Optional.of(value));
    }

    /**
     * A copy with other members.
     *
     * @param value the members
     * @return a copy with those members
     */
    public RaidArray withMembers(List<RaidMember> value) {
        return new RaidArray(name, level, state, value, chunkBytes, sizeBytes, sync);
    }

    /**
     * Returns the members that are neither faulty nor spare.
     *
     * @return the members that are neither faulty nor spare
     */
    public List<RaidMember> activeMembers() {
        return members.stream().filter(m -> m.role() == MemberRole.ACTIVE).toList();
    }
}
