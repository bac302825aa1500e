package dev.gantry.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes, parsed the way GNU coreutils, {@code lsblk}, {@code mdadm} and
 * {@code /proc/mdstat} write sizes.
 *
 * <p>{@link #parse(String)} accepts a non-negative decimal number, an optional single space, and
 * an optional unit:
 *
 * <table>
 *   <caption>Units</caption>
 *   <tr><th>unit</th><th>factor</th></tr>
 *   <tr><td>none, {@code B}</td><td>1</td></tr>
 *   <tr><td>{@code K k Ki KiB}</td><td>1024</td></tr>
 *   <tr><td>{@code M m Mi MiB}, {@code G g Gi GiB}, {@code T t Ti TiB}, {@code P p Pi PiB},
 *       {@code E e Ei EiB}</td><td>1024², 1024³, 1024⁴, 1024⁵, 1024⁶</td></tr>
 *   <tr><td>{@code kB KB}, {@code MB}, {@code GB}, {@code TB}, {@code PB}, {@code EB}</td>
 *       <td>1000, 1000², …, 1000⁶</td></tr>
 * </table>
 *
 * <p>So {@code 512k} (a chunk size in {@code /proc/mdstat}) is 512 KiB, while {@code 500GB} (a
 * disk label) is 500 × 1000³ bytes. A fraction such as {@code 1.5T} is multiplied exactly and then
 * rounded down to whole bytes. Surrounding whitespace is ignored. Rejected: signs, exponents
 * ({@code 1e3}), digit separators, {@code b} (dd's 512-byte blocks), lower-case {@code kb} style
 * units (bits or bytes?), sizes above {@link Long#MAX_VALUE} bytes, and inputs longer than 64
 * characters.
 *
 * <p>{@link #toString()} writes the largest binary unit that divides the size exactly ({@code 512
 * KiB}, {@code 1 GiB}, {@code 1953258496 B}); {@code parse(size.toString())} gives back {@code
 * size}.
 *
 * <pre>{@code
 * ByteSize.parse("512k").bytes()   // 524288
 * ByteSize.parse("1.5T")           // 1536 GiB
 * }</pre>
 *
 * <p>Immutable and thread-safe; ordered by number of bytes.
 *
 * @param bytes the number of bytes; not negative
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    /** No bytes. */
    public static final ByteSize ZERO = new ByteSize(0);

    static final String SOURCE = "byte size";
    static final int MAX_INPUT = 64;
    private static final String EXPECTED = "expected a number with an optional unit: none or B (bytes);"
            + " K, M, G, T, P, E (also k, m, g, t, p, e, Ki…Ei, KiB…EiB) for powers of 1024;"
            + " kB, KB, MB, GB, TB, PB, EB for powers of 1000; e.g. 512k, 64KiB, 1Gi, 1.5T, 1953258496";
    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?([A-Za-z]*)");
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final Map<String, BigInteger> FACTORS = factors();

    /**
     * Validates the number of bytes.
     *
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative but was " + bytes);
        }
    }

    /**
     * Creates a size from a number of bytes.
     *
     * @param bytes the number of bytes; not negative
     * @return the size
     */
    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    /**
     * Parses a size such as {@code 512k}, {@code 64KiB}, {@code 1Gi}, {@code 1.5T} or
     * {@code 1953258496}; the accepted forms are listed on the {@linkplain ByteSize type}.
     *
     * @param text the size as a tool prints it
     * @return the size
     * @throws ParseException with source {@code byte size}, the input and the expected forms
     */
    public static ByteSize parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_INPUT) {
            throw new ParseException(SOURCE, 0, text.substring(0, MAX_INPUT) + "…",
                    "longer than " + MAX_INPUT + " characters; " + EXPECTED);
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new ParseException(SOURCE, 0, text, "empty; " + EXPECTED);
        }
        if (trimmed.startsWith("-")) {
            throw new ParseException(SOURCE, 0, text, "negative sizes are not allowed; " + EXPECTED);
        }
        Matcher m = FORM.matcher(trimmed);
        if (!m.matches()) {
            throw new ParseException(SOURCE, 0, text, "not a number with an optional unit; " + EXPECTED);
        }
        BigInteger factor = FACTORS.get(m.group(2));
        if (factor == null) {
            throw new ParseException(SOURCE, 0, text, "unknown unit '" + m.group(2) + "'; " + EXPECTED);
        }
        BigInteger exact = new BigDecimal(m.group(1)).multiply(new BigDecimal(factor))
                .setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
        if (exact.bitLength() > 63) {
            throw new ParseException(SOURCE, 0, text, "larger than the largest size, " + Long.MAX_VALUE + " B");
        }
        return new ByteSize(exact.longValueExact());
    }

    /**
     * Adds two sizes.
     *
     * @param other the size to add
     * @return the sum
     * @throws ArithmeticException when the sum exceeds {@link Long#MAX_VALUE} bytes
     */
    public ByteSize plus(ByteSize other) {
        return new ByteSize(Math.addExact(bytes, other.bytes));
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /**
     * Returns the size in the largest binary unit that divides it exactly, e.g. {@code 512 KiB}.
     *
     * @return the size in the largest binary unit that divides it exactly, e.g. {@code 512 KiB}
     */
    @Override
    public String toString() {
        int unit = 0;
        long amount = bytes;
        while (amount != 0 && amount % 1024 == 0 && unit < BINARY_UNITS.length - 1) {
            amount /= 1024;
            unit++;
        }
        return amount + " " + BINARY_UNITS[unit];
    }

    private static Map<String, BigInteger> factors() {
        Map<String, BigInteger> factors = new HashMap<>();
        factors.put("", BigInteger.ONE);
        factors.put("B", BigInteger.ONE);
        String letters = "KMGTPE";
        for (int i = 0; i < letters.length(); i++) {
            String upper = letters.substring(i, i + 1);
            BigInteger binary = BigInteger.valueOf(1024).pow(i + 1);
            for (String unit : List.of(upper, upper.toLowerCase(Locale.ROOT), upper + "i", upper + "iB")) {
                factors.put(unit, binary);
            }
            factors.put(upper + "B", BigInteger.valueOf(1000).pow(i + 1));
        }
        factors.put("kB", BigInteger.valueOf(1000));
        return Map.copyOf(factors);
    }
}
