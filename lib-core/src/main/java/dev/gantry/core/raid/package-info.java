/**
 * RAID layouts read from real tool output into one model, and checked against a policy.
 *
 * <p>Parsers return {@link dev.gantry.core.raid.RaidArray}s: {@link dev.gantry.core.raid.MdStat}
 * ({@code /proc/mdstat}), {@link dev.gantry.core.raid.MdSysfs} ({@code /sys/block/md*}/md, the
 * only source that shows a broken raid0) and {@link dev.gantry.core.raid.MdadmDetail} ({@code
 * mdadm --detail}, human or {@code --export}). {@link dev.gantry.core.raid.RaidCheck} takes the
 * views of all sources for a node at once and returns a {@link dev.gantry.core.Report}.
 *
 * <pre>{@code
 * List<RaidArray> facts = new ArrayList<>(MdStat.parse(Files.readString(Path.of("/proc/mdstat"))));
 * facts.addAll(MdSysfs.read(Path.of("/sys/block")));
 * RaidCheck.raid0().withMembers(2).check("worker-3", facts).print();
 * }</pre>
 */
package dev.gantry.core.raid;
