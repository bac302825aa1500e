package dev.gantry.core.raid;

import java.util.List;

/**
 * Reads the md arrays and striped LVM volumes of {@code lsblk -J -b -O} (or {@code -o
 * NAME,KNAME,TYPE,SIZE,MIN-IO,OPT-IO,PATH,WWN,ID-LINK,PKNAME}) into {@link RaidArray}s.
 *
 * <pre>{@code
 * List<RaidArray> arrays = Lsblk.parse(executor.exec(host, List.of("lsblk", "-J", "-b", "-O"),
 *         Duration.ofSeconds(30)).stdout());
 * }</pre>
 *
 * <p>What it reads:
 * <ul>
 *   <li>md devices: {@code type} {@code raid0}, {@code raid1}, {@code raid4}, {@code raid5},
 *       {@code raid6}, {@code raid10}, {@code linear}, or {@code md} (level unknown). The name is the
 *       kernel name ({@code md0}); the level is the type; the chunk size of striping levels is
 *       {@code min-io} (the kernel sets it to the chunk, and {@code opt-io} to chunk × data members).
 *       lsblk does not know the array state: it is {@code unknown} (read {@code md/array_state}).
 *       Partitions of an array ({@code md0p1}), which lsblk before util-linux 2.33 types {@code md}
 *       too, are left out: a device typed {@code md} whose name is its md parent's plus {@code p<N>}
 *       ({@code pkname}, else the tree) is a partition; one without an md parent, such as an
 *       inactive array that has no level yet, is an array of level {@code unknown}.
 *   <li>LVM volumes ({@code type lvm}) over two or more devices whose {@code opt-io} is {@code min-io}
 *       × members, as device-mapper sets it for a stripe: named {@code vg/lv} from the mapper name
 *       ({@code vg0-data}, {@code my--vg-lv}), level {@code striped}, chunk {@code min-io}. A linear
 *       volume that spans several disks is not an array and is left out; lsblk cannot tell the LVM
 *       segment type {@code striped} from {@code raid0} ({@link LvmReport} can). Members of a
 *       {@code raid0} volume are the disks under its {@code _rimage_} sub-volumes.
 * </ul>
 *
 * <p>Members are the devices an array is built on, each once, even though lsblk repeats a
 * multi-member device under every member (and the tree may be inverted with {@code -s}). A member
 * is named by its stable {@code /dev/disk/by-id/} link when lsblk gives one ({@code id-link},
 * util-linux 2.39+, or {@code wwn} of a whole disk), else by its {@code path} ({@code /dev/sdb1}).
 * The {@code serial} alone does not give the by-id name (that also needs bus and model), so it is
 * not used. Sizes are numbers or, from util-linux before 2.33, numeric strings; sizes with units
 * (lsblk run without {@code -b}) are rejected. Members of {@code raid0}, {@code linear} and striped
 * volumes are {@link MemberRole#ACTIVE}, as those levels have no spares; members of other levels
 * are {@link MemberRole#UNKNOWN}, as lsblk lists spares like active members. Slots are unknown (-1).
 *
 * <p>Stateless and thread-safe.
 */
public final class Lsblk {

    /** The source name used by {@link #parse(String)}. */
    public static final String DEFAULT_SOURCE = "lsblk -J -b -O";

    private Lsblk() {}

    /**
     * Reads {@code lsblk -J -b -O} output, naming it {@value #DEFAULT_SOURCE} in errors.
     *
     * @param json the output
     * @return the arrays in the order lsblk first shows them; empty when there are none
     * @throws dev.gantry.core.ParseException when the output is not lsblk JSON, or a size is not a
     *     number of bytes; it names the line and the text
     */
    public static List<RaidArray> parse(String json) {
        return parse(json, DEFAULT_SOURCE);
    }

    /**
     * Reads {@code lsblk -J -b -O} output.
     *
     * @param json the output
     * @param sourceName where it came from, for errors, such as {@code "lsblk on worker-3"}
     * @return the arrays in the order lsblk first shows them; empty when there are none
     * @throws dev.gantry.core.ParseException when the output is not lsblk JSON, or a size is not a
     *     number of bytes; it names the source, the line and the text
     */
    public static List<RaidArray> parse(String json, String sourceName) {
        return new LsblkReader(sourceName, Input.require(json, sourceName, LsblkReader.EXPECTED)).read();
    }
}
