package dev.gantry.core.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The nodes in array form for the packer: rooms after the reserve, pool indexes, rounding shapes. */
final class Cluster {

    final List<NodeStorage> nodes;
    final int size;
    final int[] domain;
    final List<String> domains;
    final Pool[][] pools;
    final int[][] shape;
    final List<Pool> shapes;
    final long[][] room;
    final Set<String> poolNames;
    private final Map<String, Integer> index = new HashMap<>();

    Cluster(List<NodeStorage> nodes, long reserve) {
        this.nodes = nodes;
        this.size = nodes.size();
        this.domain = new int[size];
        this.pools = new Pool[size][];
        this.shape = new int[size][];
        this.room = new long[size][];
        Map<String, Integer> domainIds = new HashMap<>();
        Map<List<Long>, Integer> shapeIds = new HashMap<>();
        ArrayList<String> domainNames = new ArrayList<>();
        ArrayList<Pool> shapeList = new ArrayList<>();
        for (int n = 0; n < size; n++) {
            NodeStorage node = nodes.get(n);
            index.put(node.node(), n);
            domain[n] = domainIds.computeIfAbsent(node.failureDomain(), d -> {
                domainNames.add(d);
                return domainNames.size() - 1;
            });
            pools[n] = node.pools().toArray(new Pool[0]);
            shape[n] = new int[pools[n].length];
            room[n] = new long[pools[n].length];
            for (int p = 0; p < pools[n].length; p++) {
                Pool pool = pools[n][p];
                shape[n][p] = shapeIds.computeIfAbsent(List.of(pool.extent().bytes(), (long) pool.stripes()), k -> {
                    shapeList.add(pool);
                    return shapeList.size() - 1;
                });
                room[n][p] = Math.max(0, pool.free().bytes() - reserve);
            }
        }
        this.poolNames = new HashSet<>();
        for (NodeStorage node : nodes) {
            node.pools().forEach(p -> poolNames.add(p.name()));
        }
        this.domains = List.copyOf(domainNames);
        this.shapes = List.copyOf(shapeList);
    }

    /** The index of the named node, which must be one of the nodes. */
    int indexOf(String node) {
        return index.get(node);
    }

    /** The index of the named pool on node {@code n}, or -1. */
    int poolIndex(int n, String name) {
        Pool[] ps = pools[n];
        for (int p = 0; p < ps.length; p++) {
            if (ps[p].name().equals(name)) {
                return p;
            }
        }
        return -1;
    }

    long[][] copyRoom() {
        long[][] copy = new long[size][];
        for (int n = 0; n < size; n++) {
            copy[n] = room[n].clone();
        }
        return copy;
    }
}
