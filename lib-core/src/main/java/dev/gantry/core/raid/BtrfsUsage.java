package dev.gantry.core.raid;

import java.util.List;

/**
 * Reads the data profiles of a btrfs filesystem from {@code btrfs filesystem df} into {@link
 * RaidArray}s, with the member devices from {@code btrfs filesystem show} when given.
 *
 * <pre>{@code
 * String df = exec(host, "btrfs", "--format", "json", "filesystem", "df", "/data");  // or: filesystem df -b /data
 * String show = exec(host, "btrfs", "filesystem", "show", "--raw", "/data");
 * List<RaidArray> arrays = BtrfsUsage.parse(df, show);   // [btrfs:<uuid>:data raid0 over 2 devices]
 * }</pre>
 *
 * <p>Reads the text form ({@code Data, RAID0: total=134217728, used=33554432}; with {@code -b}
 * bytes, without it sizes such as {@code 128.00MiB}) and the JSON form of btrfs-progs 5.x and
 * later ({@code {"filesystem-df": [{"bg-type": "Data", "bg-profile": "RAID0", "total": "...",
 * ...}]}}). Each {@code Data} (or mixed {@code Data+Metadata}) line becomes one array: named {@code
 * btrfs:<uuid>:data} when {@code show} gives the uuid, else {@code btrfs:data}; level the profile in
 * lower case ({@code raid0}, {@code single}, {@code dup}, {@code raid1c3} …); state {@code active}, or
 * {@code degraded} when {@code show} reports a missing device; size the allocated {@code total};
 * chunk 64 KiB (btrfs's fixed stripe length) for {@code raid0}, {@code raid10}, {@code raid5} and
 * {@code raid6}, else 0. A filesystem caught in the middle of a balance holds two data profiles at
 * once (say {@code single} and {@code RAID0}): that gives two arrays with the same name, so that a
 * check can see the layout is not uniform. Metadata, System and GlobalReserve lines are read but
 * not returned.
 *
 * <p>Members come from {@code btrfs filesystem show <mountpoint>} (with or without {@code --raw}),
 * in devid order, all {@link MemberRole#ACTIVE} except missing devices, which are {@link
 * MemberRole#FAULTY}; the output must describe exactly one filesystem. btrfs does not say which
 * devices hold which profile, so every data array lists every device. Without {@code show} the
 * arrays have no members.
 *
 * <p>Stateless and thread-safe.
 */
public final class BtrfsUsage {

    /** The source name of the {@code df} output in errors. */
    public static final String DF_SOURCE = "btrfs filesystem df";

    /** The source name of the {@code show} output in errors. */
    public static final String SHOW_SOURCE = "btrfs filesystem show";

    private BtrfsUsage() {}

    /**
     * Reads {@code btrfs filesystem df -b} text or {@code btrfs --format json filesystem df} JSON,
     * without members.
     *
     * @param df the output of {@code btrfs filesystem df}
     * @return one array per data profile, named {@code btrfs:data}
     * @throws dev.gantry.core.ParseException when the output is not {@code btrfs filesystem df}
     *     output; it names the line and the text
     */
    public static List<RaidArray> parse(String df) {
        return new BtrfsReader(DF_SOURCE, SHOW_SOURCE).read(df, "");
    }

    /**
     * Reads {@code btrfs filesystem df} output with the members from {@code btrfs filesystem show}.
     *
     * @param df the output of {@code btrfs filesystem df -b <mnt>} or {@code btrfs --format json
     *     filesystem df <mnt>}
     * @param show the output of {@code btrfs filesystem show <mnt>} for the same filesystem; blank
     *     for none
     * @return one array per data profile, named {@code btrfs:<uuid>:data}
     * @throws dev.gantry.core.ParseException when either output cannot be read, or {@code show}
     *     describes more than one filesystem; it names the source, the line and the text
     */
    public static List<RaidArray> parse(String df, String show) {
        return new BtrfsReader(DF_SOURCE, SHOW_SOURCE).read(df, show);
    }

    /**
     * Reads {@code btrfs filesystem df} and {@code btrfs filesystem show} output from a named
     * place, such as a host.
     *
     * @param df the output of {@code btrfs filesystem df}
     * @param show the output of {@code btrfs filesystem show} for the same filesystem; blank for none
     * @param sourceName where both came from, for errors, such as {@code "worker-3:/data"}
     * @return one array per data profile
     * @throws dev.gantry.core.ParseException when either output cannot be read
     */
    public static List<RaidArray> parse(String df, String show, String sourceName) {
        return new BtrfsReader(sourceName + ": " + DF_SOURCE, sourceName + ": " + SHOW_SOURCE).read(df, show);
    }
}
