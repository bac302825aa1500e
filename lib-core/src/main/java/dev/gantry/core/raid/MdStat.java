package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.util.List;
import java.util.Objects;

/**
 * Reads the Linux {@code /proc/mdstat} text into {@link RaidArray}s, one per md array, in file
 * order.
 *
 * <pre>{@code
 * List<RaidArray> arrays = MdStat.parse(Files.readString(Path.of("/proc/mdstat")));
 * }</pre>
 *
 * <p>What is read, per array:
 *
 * <ul>
 *   <li>{@code name}: {@code md0}, {@code md127}; {@code level}: the personality ({@code raid0},
 *       {@code raid1}, {@code raid10}, {@code raid6}, {@code linear}, …), or {@code unknown} for an
 *       inactive array, which prints none (an IMSM container, an array being assembled).
 *   <li>{@code state}: {@code active}, {@code inactive}, {@code read-only} or {@code
 *       auto-read-only}. mdstat never says {@code broken}: a raid0 that lost a member still reads
 *       {@code active raid0}; only sysfs ({@link MdSysfs}) tells.
 *   <li>{@code members}: in the order printed. mdstat prints a descriptor number ({@code sde1[11]}),
 *       not the slot, so {@link RaidMember#index()} is -1 except for {@linkplain
 *       RaidMember#missingSlot(int) missing slots}. Flags {@code (W)} write-mostly, {@code (J)} journal,
 *       {@code (F)} faulty, {@code (S)} spare and {@code (R)} replacement give the role; they must
 *       appear in the kernel's order: {@code (W)}, {@code (J)}, then {@code (F)} alone or {@code
 *       (S)} and/or {@code (R)}. For active arrays of levels with redundancy, and of {@code
 *       multipath} (whose slots are paths), the {@code [n/m] [U_]} status is used: when more unflagged members are printed than there are {@code U}s, the
 *       surplus (those with the highest descriptor numbers, which a re-added disk gets; a heuristic,
 *       mdstat does not say which) is {@link MemberRole#REBUILDING}, and every other down slot
 *       becomes a {@linkplain RaidMember#missingSlot(int) missing member}, so active + rebuilding +
 *       missing members always equal {@code n}. Faulty members are listed as well but hold no slot.
 *       A raid4/5/6 may print fewer {@code U}s than {@code m}: during a growing reshape the kernel
 *       does not count the added disk, not yet in sync in the new layout, as degraded ({@code [4/4]
 *       [UUU_]}); that disk is then {@link MemberRole#REBUILDING}.
 *       For raid0 and linear, which print no {@code [n/m]}, every listed member counts.
 *   <li>{@code chunkBytes} from {@code 512k chunks} (raid0), {@code 512K chunks} (raid10) or {@code
 *       64k chunk} (raid4/5/6); 0 for raid1 and linear ({@code rounding} is not a stripe unit).
 *   <li>{@code sizeBytes}: the {@code blocks} count × 1024.
 *   <li>{@code sync}: a progress line ({@code resync}, {@code recovery}, {@code check}, {@code
 *       repair}, {@code reshape} with its percentage), or a waiting one ({@code resync=DELAYED},
 *       {@code resync=PENDING}, {@code resync=REMOTE}, {@code recover=REMOTE}, {@code
 *       reshape=REMOTE}) with percent -1.
 * </ul>
 *
 * <p>Tolerance: the {@code Personalities} and {@code unused devices} lines, bitmap lines and
 * whitespace-only separators (of any width) are accepted and skipped; indentation may be spaces
 * or tabs; CRLF line ends are accepted. An array whose block cannot be read (an unknown member
 * flag, a status line that does not fit its personality, an unknown continuation line, a number
 * too large) does not fail the file: it is returned as {@code RaidArray(name, "unknown",
 * "unknown", [], 0, 0, empty)} and the reason is logged at WARN, so {@link RaidCheck} reports it
 * as {@code RAID-UNKNOWN-LAYOUT} instead of dropping it silently. A file that is not mdstat at all
 * fails with a {@link ParseException}: empty input, a top-level line that is neither {@code
 * Personalities}, an array line ({@code md0 : active|inactive …}) nor {@code unused devices}, an
 * indented line outside an array block (such as a status line after a blank line), or the same
 * array twice. Nothing else escapes.
 *
 * <p>Stateless and thread-safe.
 */
public final class MdStat {

    /** The source name used by {@link #parse(String)}. */
    public static final String DEFAULT_SOURCE = "/proc/mdstat";

    private MdStat() {}

    /**
     * Parses {@code /proc/mdstat} text, naming the source {@code /proc/mdstat} in errors.
     *
     * @param text the file's content
     * @return the arrays in file order; empty when the file lists none
     * @throws ParseException when the text is not {@code /proc/mdstat} output
     */
    public static List<RaidArray> parse(String text) {
        return parse(text, DEFAULT_SOURCE);
    }

    /**
     * Parses {@code /proc/mdstat} text captured from somewhere else.
     *
     * @param text the file's content
     * @param sourceName where it came from, for error messages, e.g. {@code node-3:/proc/mdstat}
     * @return the arrays in file order; empty when the file lists none
     * @throws ParseException when the text is not {@code /proc/mdstat} output
     */
    public static List<RaidArray> parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        return new MdStatParser(sourceName).parse(text);
    }
}
