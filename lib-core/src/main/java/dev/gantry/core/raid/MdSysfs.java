package dev.gantry.core.raid;

import dev.gantry.core.GantryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads md arrays from a {@code /sys/block}-shaped tree: the one source that tells a broken raid0.
 *
 * <pre>{@code
 * List<RaidArray> arrays = MdSysfs.read(Path.of("/sys/block"));
 * }</pre>
 *
 * <p>Every {@code /sys/block/<name>} directory with an {@code md} subdirectory is one array, in
 * name order. Read per array (md.rst, drivers/md/md.c):
 *
 * <ul>
 *   <li>{@code level} from {@code md/level} ({@code raid0}, {@code raid1}, {@code linear}, {@code
 *       container}; empty gives {@code unknown}).
 *   <li>{@code state} from {@code md/array_state} as written: {@code clean}, {@code active}, {@code
 *       broken} (kernel 5.4+, raid0/linear with a member gone), {@code inactive}, {@code readonly},
 *       {@code read-auto}, {@code clear}, {@code suspended}, …
 *   <li>{@code chunkBytes} from {@code md/chunk_size} (bytes; 0 when absent), {@code sizeBytes}
 *       from {@code <name>/size} (512-byte sectors).
 *   <li>members from {@code md/dev-*}: the device is the file name of the {@code block} link's
 *       target (else the directory name without {@code dev-}); the index is {@code slot} ({@code
 *       none} gives -1), or, when a member has no {@code slot} file, the N of the {@code md/rdN}
 *       link that names its directory (md.rst: one {@code rdN} link per active device, N its
 *       position); the size is {@code size} (KiB); the role follows {@code state}: {@code
 *       faulty} → FAULTY, {@code journal} → JOURNAL, {@code in_sync} → ACTIVE, {@code replacement}
 *       → REBUILDING, {@code spare} with a slot → REBUILDING (being recovered), {@code spare}
 *       without one → SPARE.
 *   <li>missing slots: slots below {@code md/raid_disks} ({@code "3 (2)"} during a reshape gives
 *       3; an empty file, which the kernel prints when the count is 0 as for an IMSM or DDF
 *       container, gives 0) that no active or rebuilding member holds become {@linkplain
 *       RaidMember#missingSlot(int) missing members}. Active members whose slot is still unknown
 *       fill as many of them, and {@code md/degraded} (redundant levels only) caps their number
 *       less the rebuilding members, so the array never misses more than the kernel says. A
 *       missing slot is named when the count is exact, else its index is -1.
 *   <li>{@code sync} from {@code md/sync_action} when not {@code idle}/{@code frozen} ({@code
 *       recover} is named {@code recovery}), with the percentage of {@code md/sync_completed}
 *       ({@code "done / total"}; -1 when {@code none} or absent).
 * </ul>
 *
 * <p>Missing optional files give defaults (0, {@code unknown}); a file that exists but does not
 * hold what it should (such as {@code raid_disks} of {@code abc}) fails with a {@link
 * dev.gantry.core.ParseException} naming the file; I/O errors fail with a {@link
 * GantryException}. Stateless and thread-safe.
 */
public final class MdSysfs {

    private MdSysfs() {}

    /**
     * Reads every md array under a {@code /sys/block} directory.
     *
     * @param sysBlock {@code /sys/block}, or a copy of it with the same shape
     * @return the arrays in name order; empty when there are none
     * @throws GantryException when the directory cannot be listed or a file cannot be read
     * @throws dev.gantry.core.ParseException when a file holds something unexpected
     */
    public static List<RaidArray> read(Path sysBlock) {
        Objects.requireNonNull(sysBlock, "sysBlock");
        if (!Files.isDirectory(sysBlock)) {
            throw new GantryException(sysBlock + " is not a directory (expected /sys/block or a copy of it)");
        }
        List<RaidArray> arrays = new ArrayList<>();
        try (Stream<Path> entries = Files.list(sysBlock)) {
            for (Path device : entries.sorted().toList()) {
                if (Files.isDirectory(device.resolve("md"))) {
                    arrays.add(new MdSysfsArray(device).read());
                }
            }
        } catch (IOException e) {
            throw new GantryException("cannot read the md arrays under " + sysBlock + ": " + e.getMessage(), e);
        }
        return List.copyOf(arrays);
    }
}
