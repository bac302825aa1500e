package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    private static final long KI = 1024;
    private static final long MI = KI * KI;
    private static final long GI = MI * KI;
    private static final long TI = GI * KI;

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource(delimiter = '=', value = {
        "0 = 0",
        "1953258496 = 1953258496",
        "512B = 512",
        "512k = 524288",
        "512K = 524288",
        "64KiB = 65536",
        "64Ki = 65536",
        "1Gi = 1073741824",
        "1G = 1073741824",
        "1g = 1073741824",
        "1GiB = 1073741824",
        "1.5T = 1649267441664",
        "2m = 2097152",
        "1P = 1125899906842624",
        "7E = 8070450532247928832",
        "1kB = 1000",
        "1KB = 1000",
        "500GB = 500000000000",
        "2TB = 2000000000000",
        "1.5 MB = 1500000",
        "512 KiB = 524288",
        "0.5k = 512",
        "1.0001K = 1024",
        "0.1 = 0",
        "9223372036854775807 = 9223372036854775807",
        "'  1Gi\n' = 1073741824",
    })
    void parsesCoreutilsLsblkAndMdadmForms(String text, long bytes) {
        assertThat(ByteSize.parse(text.replace("\\n", "\n")).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {"", "   ", "12x", "k", "K1", "1..5G", "1.G", ".5G", "1e3", "NaN", "Infinity",
        "-1", "-1K", "+1", "1  K", "1,000", "1_000", "1kb", "1b", "1KIB", "1ki", "1 Z", "0x10", "１２",
        "1.5.2T", "1 2"})
    void rejectsMalformedInputWithTheExpectedFormsInTheMessage(String text) {
        assertThatExceptionOfType(ParseException.class)
                .isThrownBy(() -> ByteSize.parse(text))
                .satisfies(e -> assertThat(e.source()).isEqualTo("byte size"))
                .withMessageStartingWith("byte size: ")
                .withMessageContaining("expected a number with an optional unit")
                .withMessageContaining("512k, 64KiB, 1Gi");
    }

    @Test
    void showsTheOffendingInputInTheMessage() {
        assertThatExceptionOfType(ParseException.class)
                .isThrownBy(() -> ByteSize.parse("12x"))
                .withMessageContaining("unknown unit 'x'")
                .withMessageEndingWith("\n    > 12x")
                .satisfies(e -> assertThat(e.offendingText()).contains("12x"));
    }

    @Test
    void rejectsNegativeSizesSayingSo() {
        assertThatExceptionOfType(ParseException.class)
                .isThrownBy(() -> ByteSize.parse("-5G"))
                .withMessageContaining("negative")
                .withMessageContaining("> -5G");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "8E", "8EiB", "9.3EB", "99999999999999999999999P"})
    void rejectsOverflowingSizesWithTheInputInTheMessage(String text) {
        assertThatExceptionOfType(ParseException.class)
                .isThrownBy(() -> ByteSize.parse(text))
                .withMessageContaining("larger than the largest size")
                .withMessageContaining("> " + text);
    }

    @Test
    void rejectsVeryLongInputBeforeParsingIt() {
        String huge = "1".repeat(100_000) + "K";

        assertThatExceptionOfType(ParseException.class)
                .isThrownBy(() -> ByteSize.parse(huge))
                .withMessageContaining("longer than 64 characters")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '=', value = {
        "0 = 0 B",
        "1 = 1 B",
        "1023 = 1023 B",
        "524288 = 512 KiB",
        "1073741824 = 1 GiB",
        "1649267441664 = 1536 GiB",
        "1953258497 = 1953258497 B",
        "1953258496 = 1907479 KiB",
        "9223372036854775807 = 9223372036854775807 B",
        "8070450532247928832 = 7 EiB",
    })
    void printsTheLargestExactBinaryUnit(long bytes, String text) {
        assertThat(ByteSize.ofBytes(bytes)).hasToString(text);
    }

    @Test
    void parsingToStringGivesBackTheSameSize() {
        List<Long> samples = new ArrayList<>(List.of(0L, 1L, 1023L, KI, 1025L, MI, GI, TI, 3 * TI + GI,
                Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 62, 7L << 60));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 2_000; i++) {
            long value = random.nextLong(Long.MAX_VALUE);
            samples.add(value);
            samples.add(value >>> random.nextInt(63) << random.nextInt(11) & Long.MAX_VALUE);
        }

        for (long bytes : samples) {
            ByteSize size = ByteSize.ofBytes(bytes);
            assertThat(ByteSize.parse(size.toString())).as(size.toString()).isEqualTo(size);
        }
    }

    @Test
    void rejectsNegativeByteCounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.ofBytes(-1))
                .withMessageContaining("-1");
    }

    @Test
    void addsAndComparesSizes() {
        assertThat(ByteSize.parse("1Gi").plus(ByteSize.parse("512Mi"))).isEqualTo(ByteSize.parse("1.5G"));
        assertThat(ByteSize.parse("1G")).isGreaterThan(ByteSize.parse("1GB"));
        assertThat(ByteSize.ZERO).isLessThan(ByteSize.ofBytes(1));
        assertThatExceptionOfType(ArithmeticException.class)
                .isThrownBy(() -> ByteSize.ofBytes(Long.MAX_VALUE).plus(ByteSize.ofBytes(1)));
    }
}
