// Node health: a simulated node catches up with its network, and /healthcheck flips from 503 to 200
// while /livez stays 200. No real node needed.
// Run it with:  examples/run node-health   (from the repository root)
import dev.gantry.health.*;
import dev.gantry.health.sync.*;
import java.net.URI;
import java.net.http.*;
import java.time.*;
import java.util.concurrent.atomic.AtomicLong;

// 1. A simulated node: the network is at height 1000 and the node at 960, without peers. Once
//    it has peers (step 3) it downloads 20 blocks a second, so it catches up in about 2 seconds.
long networkHeight = 1000;
long startHeight = 960;
AtomicLong peersFoundAt = new AtomicLong();   // System.nanoTime() when the node found peers; 0 before
SyncSource simulated = new SyncSource() {
    public String name() {
        return "simulated node";
    }

    public SyncStatus read() {
        long since = peersFoundAt.get();
        long downloaded = since == 0 ? 0 : (System.nanoTime() - since) / 50_000_000L; // a block every 50 ms
        long height = Math.min(networkHeight, startHeight + downloaded);
        return SyncStatus.of(name(), height, Instant.now())
                .withNetworkHeight(networkHeight)
                .withSyncing(height < networkHeight)
                .withPeers(since == 0 ? 0 : 8);
    }
};

// 2. Readiness: not syncing and at most 3 blocks behind; ready again only when fully caught up.
SyncCheck sync = SyncCheck.builder(simulated).maxLag(3).resumeLag(0).build();
// (In JShell a line may not start with '.', so chains break after the dot.)
HealthService health = HealthService.builder().
        readiness("node", sync).
        interval(Duration.ofMillis(200)).
        rise(2).
        fall(1).
        build().
        start();
HealthServer server = HealthServer.start(health, 0);   // port 0: any free port
System.out.println("serving " + server.uri() + "/healthcheck for " + sync);

// 3. Poll /healthcheck as a load balancer would, print every change of status, and stop at the
//    first 200. The node finds its peers, and starts downloading, as the polling begins.
//    Timeouts are generous: on a busy machine the first answers of a fresh JVM can take seconds.
HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
HttpRequest healthcheck = HttpRequest.newBuilder(URI.create(server.uri() + "/healthcheck")).
        timeout(Duration.ofSeconds(10)).build();
HttpRequest livez = HttpRequest.newBuilder(URI.create(server.uri() + "/livez")).
        timeout(Duration.ofSeconds(10)).build();
Instant deadline = Instant.now().plusSeconds(120);
int firstStatus = -1;
int lastStatus = -1;
HttpResponse<String> answer = null;
while (Instant.now().isBefore(deadline)) {
    peersFoundAt.compareAndSet(0, System.nanoTime());
    answer = http.send(healthcheck, HttpResponse.BodyHandlers.ofString());
    int live = http.send(livez, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (answer.statusCode() != lastStatus) {
        System.out.println("/healthcheck " + answer.statusCode() + " (/livez " + live + "): " + answer.body());
        lastStatus = answer.statusCode();
        firstStatus = firstStatus == -1 ? lastStatus : firstStatus;
    }
    if (answer.statusCode() == 200) {
        break;
    }
    Thread.sleep(100);
}

// 4. The same state as a Report, for people and CI (one finding per check: UP is PASS, DOWN is FAIL).
health.snapshot().report().print();

// 5. Clean up; fail the runbook if the node never became ready.
server.close();
health.close();
if (lastStatus != 200) {
    throw new IllegalStateException("/healthcheck did not turn 200 within 120 s; last status " + lastStatus);
}
System.out.println("the node caught up: /healthcheck went from " + firstStatus + " to 200");
