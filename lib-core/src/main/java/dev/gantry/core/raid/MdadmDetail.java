package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.util.List;
import java.util.Objects;

/**
 * Reads the output of {@code mdadm --detail /dev/mdX}, in the human form or the {@code --export}
 * form, into one {@link RaidArray}.
 *
 * <pre>{@code
 * RaidArray md0 = MdadmDetail.parse(exec("mdadm", "--detail", "--export", "/dev/md0")).get(0);
 * }</pre>
 *
 * <p><b>Human form</b> ({@code Detail.c}): the first line is {@code /dev/md0:}, then {@code Label :
 * value} lines (labels are right-aligned to different widths across versions, so each line is split
 * at its first {@code " : "}; {@code Member Arrays :} of an empty container has no value, and an
 * indented {@code (…)} line continues the label above it, as DDF's {@code Container GUID :} line is
 * followed by {@code (Linux-MD 03/17/22 10:16:15)}), then the device table under {@code Number Major Minor RaidDevice
 * State}. Read: {@code Raid Level}, {@code State} ({@code clean, degraded} gives {@code clean};
 * {@code FAILED} gives {@code failed}; {@code Not Started} gives {@code inactive}; {@code broken}
 * stays), {@code Array Size} (KiB), {@code Used Dev Size} (KiB, the size of every member), {@code
 * Chunk Size} ({@code 512K}), {@code Raid Devices} and the {@code Rebuild|Resync|Reshape|Check
 * Status : 45% complete} line. Table rows give members: the device path, the {@code RaidDevice}
 * slot ({@code -} gives -1), the role from the state words ({@code faulty}, {@code spare rebuilding},
 * {@code spare}, {@code journal}, {@code active sync}); a {@code removed} row is a {@linkplain
 * RaidMember#missingSlot(int) missing member}. An inactive array's table has no State column; its
 * members get {@link MemberRole#UNKNOWN}.
 *
 * <p><b>Export form</b>: {@code KEY=value} lines. Read: {@code MD_LEVEL}, {@code MD_DEVICES}, {@code
 * MD_DEVNAME} (the name; else {@code uuid:<MD_UUID>}; else {@code unknown}), and per member {@code
 * MD_DEVICE_<sysname>_ROLE} ({@code 0..n-1}, {@code spare}, {@code faulty}, {@code journal}) and
 * {@code MD_DEVICE_<sysname>_DEV}. It gives no state (so {@code unknown}), chunk or size (0).
 *
 * <p>In both forms, slots below the raid-device count that no member holds become missing
 * members. Input that is neither form, a label line without {@code " : "}, a table row that does
 * not fit, or a number out of range fails with a {@link ParseException} naming the source, line
 * and text. Stateless and thread-safe.
 */
public final class MdadmDetail {

    /** The source name used by {@link #parse(String)}. */
    public static final String DEFAULT_SOURCE = "mdadm --detail";

    private MdadmDetail() {}

    /**
     * Parses {@code mdadm --detail} or {@code mdadm --detail --export} output.
     *
     * @param text the command's standard output
     * @return the one array it describes
     * @throws ParseException when the text is neither form
     */
    public static List<RaidArray> parse(String text) {
        return parse(text, DEFAULT_SOURCE);
    }

    /**
     * Parses {@code mdadm --detail} or {@code mdadm --detail --export} output captured elsewhere.
     *
     * @param text the command's standard output
     * @param sourceName where it came from, for error messages
     * @return the one array it describes
     * @throws ParseException when the text is neither form
     */
    public static List<RaidArray> parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        MdadmLines lines = new MdadmLines(text, sourceName);
        if (lines.isEmpty()) {
            throw new ParseException(sourceName, 1, text, "no content; expected mdadm --detail output starting"
                    + " with '/dev/md0:' or --export output of MD_LEVEL=... lines");
        }
        RaidArray array = lines.first().text().startsWith("MD_") ? new MdadmExportReader(lines).read()
                : new MdadmHumanReader(lines).read();
        return List.of(array);
    }
}
