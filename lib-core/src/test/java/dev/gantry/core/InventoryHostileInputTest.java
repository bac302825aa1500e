package dev.gantry.core;

import static dev.gantry.core.InventoryErrorTest.errorOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Oversized, deeply nested and alias-bomb input fails fast with a ParseException. */
class InventoryHostileInputTest {

    private static final int FOUR_MIB = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void rejectsTextOverFourMebibytesBeforeParsing() {
        String huge = "machines: []\n# " + "x".repeat(FOUR_MIB);

        assertThat(errorOf(huge).getMessage()).isEqualTo("hosts.yaml: the input is larger than 4 MiB (4194304"
                + " bytes), the most an inventory may have (expected a smaller file; split it if need be)");
    }

    @Test
    void countsTheLimitInUtf8Bytes() {
        String wide = "machines: []\n# " + "é".repeat(FOUR_MIB / 2);

        assertThat(errorOf(wide).getMessage()).contains("larger than 4 MiB");
    }

    @Test
    void rejectsAFileOverFourMebibytes() throws IOException {
        Path file = Files.writeString(dir.resolve("big.yaml"), "machines: []\n# " + "x".repeat(FOUR_MIB));

        assertThatThrownBy(() -> Inventory.load(file))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith(file + ": the input is larger than 4 MiB");
    }

    @Test
    void parsesTenThousandMachines() {
        StringBuilder yaml = new StringBuilder("machines:\n");
        for (int i = 0; i < 10_000; i++) {
            yaml.append("  - name: node-").append(i).append('\n')
                    .append("    address: 10.").append(i / 65536).append('.').append(i / 256 % 256).append('.')
                    .append(i % 256).append('\n')
                    .append("    role: ").append(i < 3 ? "control-plane" : "worker").append('\n')
                    .append("    failureDomain: rack-").append(i % 40).append('\n')
                    .append("    ssh: {user: ubuntu, port: 22}\n")
                    .append("    labels: {pool: general}\n")
                    .append("    disks: [nvme0n1, nvme1n1]\n");
        }

        Inventory inventory = Inventory.parse(yaml.toString());

        assertThat(inventory.size()).isEqualTo(10_000);
        assertThat(inventory.controlPlanes()).hasSize(3);
        assertThat(inventory.failureDomains()).hasSize(40);
        assertThat(inventory.machine("node-9999").orElseThrow().address()).isEqualTo("10.0.39.15");
    }

    // A hang guard, not a performance assertion: expanded, this document would have 10^9 nodes.
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void failsFastOnABillionLaughsAliasBomb() {
        StringBuilder yaml = new StringBuilder("machines:\n  - name: cp-1\n    address: 10.0.1.11\n"
                + "    role: worker\n    labels:\n      l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            String previous = "*l" + (i - 1);
            yaml.append("      l").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, previous))).append("]\n");
        }

        assertThat(errorOf(yaml.toString()).getMessage()).startsWith("hosts.yaml:6: machine 'cp-1': field"
                + " 'labels.l0': expected a single label value like masters but found a list");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void doesNotExpandAliasesUsedWhereValuesAreExpected() {
        StringBuilder yaml = new StringBuilder("machines:\n  - &m0 [a, a, a, a, a, a, a, a, a, a]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("  - &m").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, "*m" + (i - 1)))).append("]\n");
        }

        assertThat(errorOf(yaml.toString()).getMessage())
                .startsWith("hosts.yaml:2: machines[0]: expected a map of machine fields");
    }

    @Test
    void reportsAnAliasWithoutAnAnchor() {
        assertThat(errorOf("machines: *nodes\n").getMessage()).startsWith("hosts.yaml:1: alias *nodes does not"
                + " refer to an anchored map or list (expected an earlier &nodes on a map or list");
    }

    @Test
    void reportsAnAliasOfASingleValue() {
        String yaml = "machines:\n  - name: &n cp-1\n    address: 10.0.1.11\n    role: worker\n"
                + "  - name: *n\n";

        assertThat(errorOf(yaml).getMessage()).startsWith("hosts.yaml:5: alias *n does not refer to an anchored"
                + " map or list").contains("anchors on single values are not supported");
    }

    @Test
    void rejectsDeeplyNestedYamlFlowLists() {
        assertThat(errorOf("machines: " + "[".repeat(50_000)).getMessage())
                .startsWith("hosts.yaml:1: the input is nested more than 32 levels deep");
    }

    @Test
    void rejectsDeeplyNestedYamlBlockMaps() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            yaml.append(" ".repeat(i)).append("a:\n");
        }

        assertThat(errorOf(yaml.toString()).getMessage())
                .startsWith("hosts.yaml:33: the input is nested more than 32 levels deep");
    }

    @Test
    void rejectsDeeplyNestedJson() {
        assertThat(errorOf("{\"machines\": " + "[".repeat(100_000)).getMessage())
                .startsWith("hosts.yaml:1: the input is nested more than 32 levels deep");
        assertThat(errorOf("{\"a\": ".repeat(100_000)).getMessage())
                .startsWith("hosts.yaml:1: the input is nested more than 32 levels deep");
    }

    @Test
    void keepsTheMessageShortForAHugeValue() {
        String message = errorOf("machines:\n  - name: " + "x".repeat(60_000) + "\n").getMessage();

        assertThat(message).contains("is not a valid machine name").hasSizeLessThan(2_000);
    }

    @Test
    void refusesAHugeLineBeforeTheYamlScannerCopiesItOverAndOver() {
        String message = errorOf("machines:\n  - name: " + "x".repeat(3_000_000) + "\n").getMessage();

        assertThat(message).contains(":2:").contains("characters long").hasSizeLessThan(2_000);
    }
}
