package dev.gantry.k8s.storage;

import dev.gantry.core.ByteSize;
import dev.gantry.core.storage.CarvingPlan;
import dev.gantry.core.storage.CarvingPlanner;
import dev.gantry.core.storage.CarvingPolicy;
import dev.gantry.core.storage.NodeStorage;
import dev.gantry.core.storage.StorageDriver;
import dev.gantry.core.storage.Workload;
import java.util.ArrayList;
import java.util.List;

/** Small carving plans for the apply tests: a StatefulSet {@code prod/db} with one claim per replica. */
final class Plans {

    private Plans() {}

    /** Two replicas on two workers, claims {@code data-db-0} and {@code data-db-1} of {@code size}. */
    static CarvingPlan db(StorageDriver driver, String size) {
        return replicas(driver, size, 2);
    }

    /** {@code replicas} replicas of {@code prod/db} on as many workers. */
    static CarvingPlan replicas(StorageDriver driver, String size, int replicas) {
        List<NodeStorage> nodes = new ArrayList<>();
        for (int i = 1; i <= replicas; i++) {
            nodes.add(NodeStorage.of("worker-" + i, "rack" + i).withPool("vg0", ByteSize.parse("100Gi")));
        }
        Workload db = Workload.statefulSet("prod", "db", replicas).withClaim("data", ByteSize.parse(size));
        return CarvingPlanner.plan(nodes, List.of(db), driver, CarvingPolicy.ofDefaults());
    }
}
