package dev.gantry.core.raid;

import java.util.List;

/**
 * Reads the striped and RAID logical volumes of an LVM JSON report into {@link RaidArray}s.
 *
 * <pre>{@code
 * // env LC_ALL=C lvs --reportformat json --units b --nosuffix -a
 * //     -o lv_name,vg_name,segtype,stripes,stripe_size,lv_size,devices
 * List<RaidArray> arrays = LvmReport.parse(result.stdout());
 * }</pre>
 *
 * <p>Every value of an LVM {@code json} report is a string; numbers of the {@code json_std} format
 * are read too. Sizes may carry a {@code B} suffix (without {@code --nosuffix}), a {@code <} prefix
 * (LVM rounded the value, which is then read as printed) or a unit such as {@code 9.00g} (powers
 * of 1024); run with {@code --units b} for exact values. Lines that are not part of the JSON
 * ({@code WARNING: ...} and other messages LVM prints to standard output, before, after or inside
 * the document) are ignored.
 *
 * <p>Each logical volume with a {@code striped}, {@code raid0}, {@code raid0_meta}, {@code raid1},
 * {@code raid4}, {@code raid5*}, {@code raid6*}, {@code raid10} or {@code mirror} segment becomes an
 * array named {@code vg/lv}, with level {@code striped}, {@code raid0} (also for {@code
 * raid0_meta}), {@code raid1} … or {@code mirror}, chunk {@code stripe_size}, size {@code lv_size},
 * and its members from {@code devices} ({@code /dev/sdb(0),/dev/sdc(0)}) in stripe order. Members
 * of a RAID volume are the devices of its {@code _rimage_} sub-volumes (listed with {@code -a});
 * without them the member is named after the sub-volume. A missing physical volume ({@code
 * [unknown]}) is a {@link MemberRole#FAULTY} member and makes the state {@code partial}.
 *
 * <p>Linear volumes are not arrays and are left out. A volume with segments of different layouts
 * (a stripe extended by a linear segment, or by a stripe of another width) gives one array per
 * layout, all with the volume's name, linear segments as level {@code linear}, so that a check sees
 * the volume is not one uniform stripe. The state is {@code active}, {@code inactive} or {@code
 * partial} when the report has {@code lv_attr}, else {@code unknown} (or {@code partial}).
 *
 * <p>Stateless and thread-safe.
 */
public final class LvmReport {

    /** The source name used by {@link #parse(String)}. */
    public static final String DEFAULT_SOURCE = "lvs --reportformat json";

    private LvmReport() {}

    /**
     * Reads an {@code lvs} or {@code lvm fullreport} JSON report, naming it {@value #DEFAULT_SOURCE}
     * in errors.
     *
     * @param text the command's standard output
     * @return the arrays in report order; empty when there are none
     * @throws dev.gantry.core.ParseException when the output holds no LVM JSON report, or a value is
     *     malformed; it names the line and the text
     */
    public static List<RaidArray> parse(String text) {
        return parse(text, DEFAULT_SOURCE);
    }

    /**
     * Reads an {@code lvs} or {@code lvm fullreport} JSON report.
     *
     * @param text the command's standard output
     * @param sourceName where it came from, for errors, such as {@code "lvs on worker-3"}
     * @return the arrays in report order; empty when there are none
     * @throws dev.gantry.core.ParseException when the output holds no LVM JSON report, or a value is
     *     malformed; it names the source, the line and the text
     */
    public static List<RaidArray> parse(String text, String sourceName) {
        return new LvmReportReader(sourceName, Input.require(text, sourceName, LvmReportReader.EXPECTED)).read();
    }
}
