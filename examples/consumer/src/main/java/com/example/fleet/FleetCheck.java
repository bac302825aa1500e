package com.example.fleet;

import dev.gantry.core.Inventory;
import dev.gantry.core.Report;
import dev.gantry.core.controlplane.ControlPlanePlan;
import dev.gantry.core.controlplane.ControlPlanePlanner;
import dev.gantry.core.controlplane.ControlPlaneSpec;
import dev.gantry.core.controlplane.HaPolicy;
import java.nio.file.Path;

/**
 * Checks a cluster before it is built: loads an inventory, plans a highly available kubeadm
 * control plane behind an endpoint, and prints the plan's report. Exits 1 when a rule fails, 2 on
 * wrong arguments.
 *
 * <pre>{@code
 * java -cp ... com.example.fleet.FleetCheck inventory.yaml k8s-api.prod.example.com
 * }</pre>
 */
public final class FleetCheck {

    private FleetCheck() {}

    /**
     * Runs the check on the command line.
     *
     * @param args the inventory file and the API endpoint (a DNS name or a load balancer address)
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: FleetCheck INVENTORY.yaml API-ENDPOINT");
            System.exit(2);
        }
        Report report = check(Path.of(args[0]), args[1]).print();
        System.exit(report.ok() ? 0 : 1);
    }

    /**
     * Plans the control plane for the machines of an inventory file against the default HA policy.
     *
     * @param inventoryFile a Gantry inventory (YAML or JSON)
     * @param endpoint the API endpoint every node joins through
     * @return the plan's report, titled with the file
     */
    public static Report check(Path inventoryFile, String endpoint) {
        Inventory inventory = Inventory.load(inventoryFile);
        ControlPlanePlan plan = ControlPlanePlanner.plan(inventory,
                ControlPlaneSpec.kubeadm(endpoint).withClusterName("prod"), HaPolicy.ofDefaults());
        return plan.report().withTitle("HA plan for " + inventoryFile);
    }
}
