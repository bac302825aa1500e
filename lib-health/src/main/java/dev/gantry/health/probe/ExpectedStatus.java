package dev.gantry.health.probe;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The HTTP statuses a probe accepts as healthy: a set of codes or an inclusive range. Immutable. */
final class ExpectedStatus {

    static final ExpectedStatus OK_ONLY = exactly(200);

    private final int[] codes;
    private final int first;
    private final int last;

    private ExpectedStatus(int[] codes, int first, int last) {
        this.codes = codes;
        this.first = first;
        this.last = last;
    }

    static ExpectedStatus exactly(int... codes) {
        return new ExpectedStatus(Arrays.stream(codes).distinct().sorted().toArray(), 0, -1);
    }

    static ExpectedStatus between(int first, int last) {
        return new ExpectedStatus(new int[0], first, last);
    }

    boolean accepts(int status) {
        return (status >= first && status <= last) || Arrays.binarySearch(codes, status) >= 0;
    }

    /** Returns {@code HTTP 200}, {@code HTTP 200 or 204} or {@code HTTP 200-399}. */
    @Override
    public String toString() {
        if (codes.length == 0) {
            return "HTTP " + first + "-" + last;
        }
        String list = Arrays.stream(codes).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        int comma = list.lastIndexOf(", ");
        return "HTTP " + (comma < 0 ? list : list.substring(0, comma) + " or " + list.substring(comma + 2));
    }
}
