/**
 * RAID layouts read from real tool output ({@code /proc/mdstat}, sysfs, {@code mdadm},
 * {@code lsblk}, LVM, btrfs) into {@link dev.gantry.core.raid.RaidArray}s, and checked by
 * {@code RaidCheck}.
 */
package dev.gantry.core.raid;
