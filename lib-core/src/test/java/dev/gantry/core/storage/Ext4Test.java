package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ext4Test {

    // Source: mkfs.ext4 -q -F on sparse files of each size, then dumpe2fs -h ("Block count",
    // "Overhead clusters", "Block size"), e2fsprogs 1.47.0 on Debian 12, 2026-12-02. statfs reports
    // f_blocks = block count - overhead clusters.
    @ParameterizedTest
    @CsvSource({
        "16777216, 16384, 2311, 1024",
        "104857600, 102400, 12067, 1024",
        "314572800, 307200, 29577, 1024",
        "535822336, 523264, 43310, 1024",
        "536870912, 131072, 6347, 4096",
        "734003200, 179200, 7266, 4096",
        "1073741824, 262144, 12949, 4096",
        "1572864000, 384000, 15350, 4096",
        "2147483648, 524288, 26150, 4096",
        "5368709120, 1310720, 42072, 4096",
        "10737418240, 2621440, 66747, 4096",
        "10800332800, 2636800, 67018, 4096",
        "17179869184, 4194304, 109857, 4096",
        "35433480192, 8650752, 213592, 4096",
        "68719476736, 16777216, 407669, 4096",
        "107374182400, 26214400, 557842, 4096",
        "214748364800, 52428800, 1100294, 4096",
        "1099511627776, 268435456, 4494739, 4096",
        "4398046511104, 1073741824, 8750102, 4096"})
    void matchesWhatMkfsLeftUsable(long device, long blocks, long overhead, long blockSize) {
        assertThat(Ext4.usableBytes(device)).isEqualTo((blocks - overhead) * blockSize);
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "1023", "2048"})
    void givesNothingForDevicesTooSmallToHoldAFilesystem(long device) {
        assertThat(Ext4.usableBytes(device)).isBetween(0L, device);
    }
}
