package dev.gantry.core.storage;

import java.util.Arrays;

/** A segment tree of per-node maxima that finds the first node at or after an index with enough room. */
final class MaxTree {

    private final int leaves;
    private final int size;
    private final long[] tree;

    MaxTree(long[] values) {
        this.size = values.length;
        int l = 1;
        while (l < Math.max(1, size)) {
            l <<= 1;
        }
        this.leaves = l;
        this.tree = new long[2 * l];
        Arrays.fill(tree, Long.MIN_VALUE);
        System.arraycopy(values, 0, tree, l, size);
        for (int i = l - 1; i >= 1; i--) {
            tree[i] = Math.max(tree[2 * i], tree[2 * i + 1]);
        }
    }

    void set(int index, long value) {
        int i = index + leaves;
        tree[i] = value;
        for (i >>= 1; i >= 1; i >>= 1) {
            tree[i] = Math.max(tree[2 * i], tree[2 * i + 1]);
        }
    }

    /** The first index at or after {@code from} whose value is at least {@code threshold}, or -1. */
    int first(int from, long threshold) {
        if (from >= size) {
            return -1;
        }
        return first(1, 0, leaves, from, threshold);
    }

    private int first(int node, int lo, int hi, int from, long threshold) {
        if (hi <= from || tree[node] < threshold) {
            return -1;
        }
        if (hi - lo == 1) {
            return lo;
        }
        int mid = (lo + hi) >>> 1;
        int left = first(2 * node, lo, mid, from, threshold);
        return left >= 0 ? left : first(2 * node + 1, mid, hi, from, threshold);
    }
}
