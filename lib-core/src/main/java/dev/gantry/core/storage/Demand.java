package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One pod to place, with its claims in the order the packer tries them: claims bound to a pool
 * first, then the largest first. {@code alloc[c][shape]} is the rounded size of claim {@code c} on
 * pools of each rounding shape, or -1 when it exceeds the largest size.
 */
final class Demand {

    final int index;
    final int workload;
    final Workload source;
    final String pod;
    final String[] claims;
    final int[] original;
    final long[] requests;
    final String[] pools;
    final long[][] alloc;
    final long total;
    final long largest;

    Demand(int index, int workload, Workload source, int ordinal, StorageDriver driver, List<Pool> shapes) {
        this.index = index;
        this.workload = workload;
        this.source = source;
        this.pod = source.podName(ordinal);
        List<ClaimSpec> specs = source.claims().stream()
                .sorted(Comparator.comparing((ClaimSpec c) -> c.pool().isEmpty())
                        .thenComparing(ClaimSpec::size, Comparator.reverseOrder()))
                .toList();
        int k = specs.size();
        claims = new String[k];
        original = new int[k];
        requests = new long[k];
        pools = new String[k];
        alloc = new long[k][];
        long sum = 0;
        long max = 0;
        for (int c = 0; c < k; c++) {
            ClaimSpec spec = specs.get(c);
            claims[c] = source.claimName(spec, ordinal);
            original[c] = source.claims().indexOf(spec);
            requests[c] = spec.size().bytes();
            pools[c] = spec.pool().orElse(null);
            alloc[c] = allocations(driver, spec.size(), shapes);
            sum = Sizes.saturatedAdd(sum, requests[c]);
            max = Math.max(max, requests[c]);
        }
        total = sum;
        largest = max;
    }

    /** Sorts for first-fit-decreasing: the largest total first, ties in input order. */
    static final Comparator<Demand> DECREASING =
            Comparator.comparingLong((Demand d) -> -d.total).thenComparingInt(d -> d.index);

    int size() {
        return claims.length;
    }

    private static long[] allocations(StorageDriver driver, ByteSize request, List<Pool> shapes) {
        long[] a = new long[shapes.size()];
        Arrays.fill(a, -1);
        for (int s = 0; s < a.length; s++) {
            try {
                a[s] = driver.allocate(request, shapes.get(s)).bytes();
            } catch (IllegalArgumentException e) {
                a[s] = -1;
            }
        }
        return a;
    }
}
