package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gantry.core.ParseException;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutates every fixture many times with a fixed seed and feeds the result to its parser: the parser
 * may return arrays or throw {@link ParseException}, and nothing else.
 */
class RaidParsersFuzzTest {

    private static final int MUTATIONS = 400;
    private static final String NOISE = "{}[]\",:\\\n\t 0-9e+.<BkKMGT()/ \u0000\u202e\uffff";

    static Stream<Arguments> fixtures() {
        Function<String, List<RaidArray>> lsblk = Lsblk::parse;
        Function<String, List<RaidArray>> lvm = LvmReport::parse;
        Function<String, List<RaidArray>> btrfs = BtrfsUsage::parse;
        Function<String, List<RaidArray>> btrfsShow = show -> BtrfsUsage.parse(Fixtures.read("raid/btrfs/df-b-raid0.txt"), show);
        Function<String, List<RaidArray>> metrics = NodeExporterMd::parse;
        return Stream.of(
                Arguments.of("lsblk/btrfs-loop-2.38.json", lsblk),
                Arguments.of("lsblk/md0-raid0-sysroot-2.38.json", lsblk),
                Arguments.of("lsblk/md-raid0-nvme-idlink-2.39.json", lsblk),
                Arguments.of("lsblk/md-raid0-inverted.json", lsblk),
                Arguments.of("lsblk/lvm-striped-and-linear.json", lsblk),
                Arguments.of("lsblk/lvm-raid0-rimage.json", lsblk),
                Arguments.of("lvm/striped-and-linear.json", lvm),
                Arguments.of("lvm/raid0-rimage.json", lvm),
                Arguments.of("lvm/warnings-among-json.txt", lvm),
                Arguments.of("lvm/suffix-rounded.json", lvm),
                Arguments.of("lvm/multi-segment.json", lvm),
                Arguments.of("btrfs/df-b-raid0.txt", btrfs),
                Arguments.of("btrfs/df-human-raid0.txt", btrfs),
                Arguments.of("btrfs/df-raid0.json", btrfs),
                Arguments.of("btrfs/df-b-mixed-balance.txt", btrfs),
                Arguments.of("btrfs/show-raid0.txt", btrfsShow),
                Arguments.of("btrfs/show-raw-raid0.txt", btrfsShow),
                Arguments.of("btrfs/show-missing.txt", btrfsShow),
                Arguments.of("nodeexporter/md-raid0-raid1.prom", metrics));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void mutatedFixturesGiveArraysOrParseExceptionsOnly(String fixture, Function<String, List<RaidArray>> parser) {
        String original = Fixtures.read("raid/" + fixture);
        assertThatCode(() -> parser.apply(original)).doesNotThrowAnyException();
        Random random = new Random(fixture.hashCode() * 31L + 7);
        int rejected = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String mutated = mutate(original, random);
            try {
                parser.apply(mutated);
            } catch (ParseException e) {
                rejected++;
                assertThat(e.source()).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError("mutation " + i + " of " + fixture + " threw " + e + " for input:\n" + mutated, e);
            }
        }
        assertThat(rejected).as("some mutations of %s are rejected", fixture).isPositive();
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(6)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 2 -> sb.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 3 -> sb.setLength(at);
                case 4 -> {
                    int end = Math.min(sb.length(), at + 1 + random.nextInt(80));
                    sb.insert(at, sb.substring(at, end));
                }
                default -> {
                    int end = Math.min(sb.length(), at + 1 + random.nextInt(40));
                    sb.delete(at, end);
                }
            }
        }
        return sb.toString();
    }
}
