// HA plan: check a highly available control plane for examples/inventory.yaml and render its files.
// Run it with:  examples/run ha-plan   (from the repository root)
import dev.gantry.core.*;
import dev.gantry.core.controlplane.*;
import dev.gantry.core.workflow.*;
import java.nio.file.*;

// 1. The machines: three cloud masters, one per zone, and bare-metal workers.
Inventory inventory = Inventory.load(Path.of("inventory.yaml"));

// 2. What to build: kubeadm with stacked etcd behind a DNS name that a cloud load balancer serves.
//    The join token and certificate key are generated (SecureRandom) because the spec gives none.
//    (In a runbook a line that is a complete statement runs at once, so chains break after a dot.)
ControlPlaneSpec spec = ControlPlaneSpec.kubeadm("k8s-api.prod.example.com").
        withClusterName("prod").
        withKubernetesVersion("v1.33.2").
        withEtcd(EtcdTopology.STACKED);

// 3. Plan it against the production policy: 3..7 odd members, surviving the loss of any zone.
ControlPlanePlan plan = ControlPlanePlanner.plan(inventory, spec, HaPolicy.ofDefaults());
plan.report().print();
System.out.println();
System.out.println(plan.report().toMarkdown());
System.out.println(plan);
System.out.println("join token: " + plan.token() + " (masked; plan.token().reveal() gives it to kubeadm)");

// 4. The files each host needs, written to a temporary folder for review.
Path out = plan.writeTo(Files.createTempDirectory("gantry-ha-plan"));
plan.artifacts().forEach(a -> System.out.println("  " + a));
System.out.println("wrote " + plan.artifacts().size() + " files below " + out);

// 5. How it would be applied: the workflow, as a dry run. Every step first looks whether its effect
//    is in place; here nothing is reachable, so every step would run. To apply it for real:
//      try (OpenSshExecutor ssh = OpenSshExecutor.builder().build()) {
//          plan.workflow().withExecutor(ssh).run(Progress.console()).orThrow();
//      }
//    (The dry run below uses an executor that answers "not there" without contacting any host.)
dev.gantry.core.exec.HostExecutor offline = new dev.gantry.core.exec.HostExecutor() {
    public dev.gantry.core.exec.ExecResult exec(dev.gantry.core.exec.Host host, java.util.List<String> argv,
            java.time.Duration timeout) {
        return new dev.gantry.core.exec.ExecResult(1, "", "offline: " + host.name(), java.time.Duration.ZERO);
    }
    public void upload(dev.gantry.core.exec.Host host, String path, byte[] content, int mode) {
        throw new IllegalStateException("a dry run never uploads");
    }
};
plan.workflow().withExecutor(offline).dryRun().print();

// 6. What if the endpoint were a keepalived VIP instead? The masters sit in three different /24s
//    of three zones, so an L2 VIP cannot move between them: the plan says so before anything runs.
ControlPlanePlan vipPlan = ControlPlanePlanner.plan(inventory,
        spec.withVip("10.0.1.10", "eth0"), HaPolicy.ofDefaults());
System.out.println("The VIP plan fails on purpose (the VIP is outside the masters' subnets): the FAIL lines below show why.");
vipPlan.report().failures().forEach(f -> System.out.println(f.severity() + " " + f.code() + ": " + f.message()
        + "\n    remedy: " + f.remedy()));
System.out.println("DNS plan ok: " + plan.report().ok() + ", VIP plan ok: " + vipPlan.report().ok());

// 7. Clean up: the folder from step 4 holds the bootstrap token and the certificate key (0600).
//    JShell runs every snippet of a runbook even after one fails, so this last one always runs,
//    like a finally block; copy the files elsewhere first if you want to keep them.
try (var written = Files.walk(out)) {
    written.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
} finally {
    System.out.println((Files.exists(out) ? "could not remove " : "removed ") + out);
}
