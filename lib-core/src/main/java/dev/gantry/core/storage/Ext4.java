package dev.gantry.core.storage;

/**
 * The usable size ({@code statfs} {@code f_blocks × f_bsize}) of an ext4 filesystem made by {@code
 * mkfs.ext4} with Debian's defaults (e2fsprogs 1.47: below 512 MiB 1 KiB blocks and one inode per 4
 * KiB, else 4 KiB blocks and one inode per 16 KiB, per 32 KiB from 4 TiB, per 64 KiB from 16 TiB;
 * 256-byte inodes; 64-bit descriptors; sparse
 * superblocks; resize inode), computed the way mke2fs lays it out: per block group its bitmaps and
 * inode table; superblock and descriptor copies (with the blocks reserved for growth to 1024 times
 * the size, at most one block's worth of addresses) in groups 0, 1 and powers of 3, 5 and 7; and the
 * default journal.
 */
final class Ext4 {

    private static final int INODE_SIZE = 256;
    private static final long SMALL = 512 * Sizes.MIB;
    private static final long BIG = 4 * 1024 * Sizes.GIB;
    private static final long HUGE = 16 * 1024 * Sizes.GIB;

    private Ext4() {}

    static long usableBytes(long deviceBytes) {
        boolean small = deviceBytes < SMALL;
        int blockSize = small ? 1024 : 4096;
        long inodeRatio = small ? 4096 : deviceBytes < BIG ? 16384 : deviceBytes < HUGE ? 32768 : 65536;
        int firstData = small ? 1 : 0;
        long blocks = deviceBytes / blockSize;
        long perGroup = 8L * blockSize;
        if (blocks - firstData <= 0) {
            return 0;
        }
        long inodes = blocks * blockSize / inodeRatio;
        while (true) {
            long groups = Sizes.ceilDiv(blocks - firstData, perGroup);
            long descPerBlock = blockSize / 64;
            long gdt = Sizes.ceilDiv(groups, descPerBlock);
            long reserved = reservedGdt(blocks, firstData, perGroup, descPerBlock, gdt, blockSize);
            long tableBlocks = tableBlocks(Sizes.ceilDiv(inodes, groups), blockSize);
            long rest = (blocks - firstData) % perGroup;
            long groupOverhead = 3 + tableBlocks + gdt + reserved;
            if (rest != 0 && rest < groupOverhead + 50 && groups > 1) {
                blocks -= rest;
                continue;
            }
            long overhead = backups(groups) * (1 + gdt + reserved) + groups * (2 + tableBlocks)
                    + journalBlocks(blocks) + firstData;
            return Math.max(0, blocks - overhead) * blockSize;
        }
    }

    /** Inode table blocks per group: filled to whole blocks, then inodes per group cut to a multiple of 8. */
    private static long tableBlocks(long inodesPerGroup, int blockSize) {
        long blocks = Sizes.ceilDiv(inodesPerGroup * INODE_SIZE, blockSize);
        long filled = blocks * blockSize / INODE_SIZE & ~7L;
        return Sizes.ceilDiv(filled * INODE_SIZE, blockSize);
    }

    private static long reservedGdt(long blocks, int firstData, long perGroup, long descPerBlock, long gdt,
            int blockSize) {
        long maxBlocks = blocks < 0xFFFFFFFFL / 1024 ? blocks * 1024 : 0xFFFFFFFFL;
        long groups = Sizes.ceilDiv(maxBlocks - firstData, perGroup);
        long reserved = Sizes.ceilDiv(groups, descPerBlock) - gdt;
        return Math.max(0, Math.min(reserved, blockSize / 4));
    }

    private static long backups(long groups) {
        long count = Math.min(groups, 2);
        for (long base : new long[] {3, 5, 7}) {
            for (long g = base; g < groups; g *= base) {
                count++;
            }
        }
        return count;
    }

    /** e2fsprogs {@code ext2fs_default_journal_size}. */
    private static long journalBlocks(long blocks) {
        if (blocks < 2048) {
            return 0;
        }
        long[] limits = {32768, 256 * 1024, 512 * 1024, 4096 * 1024, 8192 * 1024, 16384 * 1024, 32768 * 1024};
        long[] sizes = {1024, 4096, 8192, 16384, 32768, 65536, 131072};
        for (int i = 0; i < limits.length; i++) {
            if (blocks < limits[i]) {
                return sizes[i];
            }
        }
        return 262144;
    }
}
