// Quickstart: read an inventory and report what Gantry sees in it.
// Run it with:  examples/run quickstart   (from the repository root)
import dev.gantry.core.*;
import java.nio.file.Path;
import java.util.*;

// 1. Load the machines. A typo in the file gives a ParseException naming the machine and field.
Inventory inventory = Inventory.load(Path.of("inventory.yaml"));

// 2. One finding per machine, then what the control plane needs to survive a failure.
List<Finding> findings = new ArrayList<>();
for (Machine m : inventory.machines()) {
    findings.add(Finding.info("INVENTORY-MACHINE", m.name(),
            m.role() + " " + m.provider() + " at " + m.address() + " in " + m.failureDomain()
            + (m.disks().isEmpty() ? "" : ", disks " + m.disks())));
}
List<Machine> masters = inventory.controlPlanes();
Set<String> zones = new TreeSet<>();
masters.forEach(m -> zones.add(m.failureDomain()));
findings.add(masters.size() >= 3 && masters.size() % 2 == 1
        ? Finding.pass("HA-QUORUM", "control plane", masters.size() + " members keep quorum with "
                + (masters.size() - 1) / 2 + " down")
        : Finding.fail("HA-QUORUM", "control plane", masters.size() + " members cannot lose one and keep quorum",
                "use 3 or 5 control-plane machines"));
findings.add(zones.size() == masters.size()
        ? Finding.pass("HA-SPREAD", "control plane", "one member per failure domain: " + zones)
        : Finding.warn("HA-SPREAD", "control plane", masters.size() + " members share " + zones.size()
                + " failure domains " + zones, "give every control-plane machine its own zone or rack"));

// 3. Print it. The same Report renders as Markdown, JSON or JUnit XML for CI.
Report report = Report.of(findings).withTitle("Inventory " + inventory.size() + " machines").print();
System.out.println("ok: " + report.ok());
