package com.example.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.GantryException;
import dev.gantry.core.Report;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FleetCheckTest {

    @Test
    void titlesTheReportWithTheInventoryFile() {
        Report report = FleetCheck.check(Path.of("src/test/resources/inventory.yaml"), "k8s-api.prod.example.com");

        assertThat(report.title()).hasValueSatisfying(title -> assertThat(title).contains("inventory.yaml"));
    }

    @Test
    void aMissingInventoryFileFailsWithAGantryException() {
        assertThatThrownBy(() -> FleetCheck.check(Path.of("no-such-inventory.yaml"), "k8s-api.example.com"))
                .isInstanceOf(GantryException.class)
                .hasMessageContaining("no-such-inventory.yaml");
    }
}
