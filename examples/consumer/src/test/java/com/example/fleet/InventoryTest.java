package com.example.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.Inventory;
import dev.gantry.core.Machine;
import dev.gantry.core.ParseException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InventoryTest {

    @Test
    void loadsTheMachinesOfAnInventoryFile() {
        Inventory inventory = Inventory.load(Path.of("src/test/resources/inventory.yaml"));

        assertThat(inventory.controlPlanes()).extracting(Machine::name).containsExactly("cp-1", "cp-2", "cp-3");
        assertThat(inventory.workers()).extracting(Machine::name).containsExactly("worker-1");
        assertThat(inventory.failureDomains()).contains("eu-west-1a", "eu-west-1b", "eu-west-1c");
    }

    @Test
    void namesTheSourceOfAMalformedInventory() {
        assertThatThrownBy(() -> Inventory.parse("machines:\n  - name: cp-1\n", "broken.yaml"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("broken.yaml");
    }
}
