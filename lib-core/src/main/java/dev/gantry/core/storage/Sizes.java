package dev.gantry.core.storage;

/** Byte arithmetic for rounding: exact, and failing with {@link ArithmeticException} on overflow. */
final class Sizes {

    static final long KIB = 1024L;
    static final long MIB = 1024L * KIB;
    static final long GIB = 1024L * MIB;

    private Sizes() {}

    /** Rounds {@code bytes} up to a multiple of {@code unit}. */
    static long roundUp(long bytes, long unit) {
        return Math.multiplyExact(ceilDiv(bytes, unit), unit);
    }

    /** Rounds {@code bytes} down to a multiple of {@code unit}. */
    static long roundDown(long bytes, long unit) {
        return bytes / unit * unit;
    }

    /** Divides, rounding up; both arguments non-negative, the divisor positive. */
    static long ceilDiv(long dividend, long divisor) {
        long quotient = dividend / divisor;
        return dividend % divisor == 0 ? quotient : quotient + 1;
    }

    /**
     * Rounds a size the way {@code lvcreate -L <bytes>b} does on a pool: up to whole extents (at
     * least one), and for a striped pool up to a whole number of extents per stripe.
     */
    static long lvm(long bytes, Pool pool) {
        long extent = pool.extent().bytes();
        long extents = Math.max(1, ceilDiv(bytes, extent));
        extents = Math.multiplyExact(ceilDiv(extents, pool.stripes()), pool.stripes());
        return Math.multiplyExact(extents, extent);
    }

    /** Adds without overflow, stopping at {@link Long#MAX_VALUE}. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
