// Quickstart: one tour of Gantry's four jobs, on the example inventory and sample captures.
// Run it with:  examples/run quickstart   (from the repository root)
// Each part has its own runbook with more detail: ha-plan, raid-check, node-health, workflow.
import dev.gantry.core.*;
import dev.gantry.core.controlplane.*;
import dev.gantry.core.raid.*;
import dev.gantry.health.*;
import dev.gantry.health.sync.*;
import java.net.URI;
import java.net.http.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

// 1. The machines. A typo in the file gives a ParseException naming the line, machine and field.
Inventory inventory = Inventory.load(Path.of("inventory.yaml"));
List<Finding> machines = new ArrayList<>();
for (Machine m : inventory.machines()) {
    machines.add(Finding.info("INVENTORY-MACHINE", m.name(), m.role() + " " + m.provider() + " at "
            + m.address() + " in " + m.failureDomain() + (m.disks().isEmpty() ? "" : ", disks " + m.disks())));
}
Report.of(machines).withTitle("Inventory: " + inventory.size() + " machines").print();
System.out.println();

// 2. HA control plane: three masters, one per zone, behind a DNS name. The plan checks quorum,
//    zone loss and the endpoint before anything is rendered or run.
ControlPlanePlan plan = ControlPlanePlanner.plan(inventory,
        ControlPlaneSpec.kubeadm("k8s-api.prod.example.com").withClusterName("prod"), HaPolicy.ofDefaults());
plan.report().print();
System.out.println(plan.artifacts().size() + " files to write, " + plan.workflow().steps().size()
        + " workflow steps; see examples/run ha-plan");
System.out.println();

// 3. RAID-0 data volume: the same /proc/mdstat on two nodes; sysfs shows one of them broken.
RaidCheck raid0 = RaidCheck.raid0().withMembers(2);
List<RaidArray> node(String name) throws Exception {
    Path dir = Path.of("captures/raid").resolve(name);
    List<RaidArray> arrays = new ArrayList<>(MdStat.parse(Files.readString(dir.resolve("mdstat")), dir + "/mdstat"));
    arrays.addAll(MdSysfs.read(dir.resolve("sys-block")));
    return arrays;
}
Report healthyNode = raid0.check("worker-1", node("healthy")).print();
System.out.println("worker-2 is broken on purpose: the FAIL lines below are what a broken stripe looks like.");
Report brokenNode = raid0.check("worker-2", node("broken")).print();
System.out.println();

// 4. Sync-aware health: a simulated node 40 blocks behind catches up; /healthcheck answers 503
//    while it syncs and 200 once it is in sync, so a load balancer only routes to it then.
//    It downloads a block every 50 ms from the moment the probing starts.
long[] probingSince = {0};
SyncSource simulated = new SyncSource() {
    public String name() {
        return "simulated node";
    }

    public SyncStatus read() {
        long downloaded = probingSince[0] == 0 ? 0 : (System.nanoTime() - probingSince[0]) / 50_000_000L;
        long height = Math.min(1000, 960 + downloaded);
        return SyncStatus.of(name(), height, Instant.now()).withNetworkHeight(1000).
                withSyncing(height < 1000).withPeers(8);
    }
};
HealthService health = HealthService.builder().
        readiness("node", SyncCheck.builder(simulated).maxLag(2).resumeLag(0).build()).
        interval(Duration.ofMillis(200)).rise(1).fall(1).
        build();
HealthServer server = HealthServer.start(health.start(), 0);
// Generous timeouts: on a busy machine the first answers of a fresh JVM can take seconds.
HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
HttpRequest probe = HttpRequest.newBuilder(URI.create(server.uri() + "/healthcheck")).
        timeout(Duration.ofSeconds(10)).build();
List<Integer> codes = new ArrayList<>();
Instant deadline = Instant.now().plusSeconds(120);
while (Instant.now().isBefore(deadline) && !codes.contains(200)) {
    probingSince[0] = probingSince[0] == 0 ? System.nanoTime() : probingSince[0];
    int code = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (codes.isEmpty() || codes.get(codes.size() - 1) != code) {
        codes.add(code);
    }
    Thread.sleep(100);
}
server.close();
health.close();
System.out.println("/healthcheck answered " + codes + " while the simulated node caught up");

// 5. Everything in one report: what a CI job would turn into JUnit XML with toJUnitXml().
Report summary = Report.of(
        plan.report().ok() ? Finding.pass("QUICKSTART-HA", "control plane", "the HA plan passes every rule")
                : Finding.fail("QUICKSTART-HA", "control plane", "the HA plan fails a rule", "see the plan above"),
        healthyNode.ok() && !brokenNode.ok()
                ? Finding.pass("QUICKSTART-RAID", "raid0", "the healthy node passes and the broken one fails")
                : Finding.fail("QUICKSTART-RAID", "raid0", "the captures were judged wrongly", "see above"),
        codes.equals(List.of(503, 200))
                ? Finding.pass("QUICKSTART-HEALTH", "/healthcheck", "503 while syncing, then 200")
                : Finding.fail("QUICKSTART-HEALTH", "/healthcheck", "answers were " + codes, "see above")).
        withTitle("Quickstart").print();
summary.orThrow();
