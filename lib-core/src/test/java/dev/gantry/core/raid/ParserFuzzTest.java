package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gantry.core.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutates every fixture 2000 times with a fixed seed (delete, duplicate and swap lines, flip
 * characters, truncate, insert huge or negative numbers and stray lines) and feeds the result to
 * its parser: a list of arrays or a {@link ParseException} are the only allowed outcomes. The
 * timeout is a deadline against hangs, not a measurement.
 */
class ParserFuzzTest {

    private static final int MUTATIONS = 2000;
    private static final String ALPHABET = "[]()=_U:/ \t\n0123456789kKSFWJR%.,>-abcdmdsuperblocks";
    private static final String[] NUMBERS = {"99999999999999999999999", "9223372036854775807", "-1", "2147483648",
        "0", "4294967296"};

    static Stream<Arguments> fixtures() {
        Stream<Arguments> mdstat = Fixtures.MDSTAT.stream()
                .map(name -> Arguments.of("mdstat/" + name, Fixtures.mdstat(name), parser(MdStat::parse)));
        Stream<Arguments> mdadm = Fixtures.MDADM.stream()
                .map(name -> Arguments.of("mdadm/" + name, Fixtures.mdadm(name), parser(MdadmDetail::parse)));
        return Stream.concat(mdstat, mdadm);
    }

    private static Function<String, List<RaidArray>> parser(Function<String, List<RaidArray>> parser) {
        return parser;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void onlyParseExceptionEscapesFromMutatedInput(String name, String fixture,
            Function<String, List<RaidArray>> parser) {
        Random random = new Random(name.hashCode() * 31L + 20261123L);
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String input = mutate(fixture, random, 1 + random.nextInt(3));
            try {
                List<RaidArray> arrays = parser.apply(input);
                assertThat(arrays).doesNotContainNull();
                parsed++;
            } catch (ParseException e) {
                assertThat(e.getMessage()).isNotBlank();
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("mutation " + i + " of " + name + " threw " + e + " for input:\n" + input, e);
            }
        }
        assertThat(parsed).as("some mutations must still parse").isPositive();
        assertThat(rejected).as("some mutations must be rejected").isPositive();
    }

    static String mutate(String text, Random random, int times) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        for (int t = 0; t < times && !lines.isEmpty(); t++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> swap(lines, at, random.nextInt(lines.size()));
                case 3 -> lines.set(at, flip(lines.get(at), random));
                case 4 -> lines.set(at, lines.get(at).substring(0, random.nextInt(lines.get(at).length() + 1)));
                case 5 -> lines.set(at, lines.get(at).replaceFirst("\\d+", NUMBERS[random.nextInt(NUMBERS.length)]));
                default -> lines.add(at, randomLine(random));
            }
        }
        String joined = String.join("\n", lines);
        return random.nextInt(10) == 0 ? joined.substring(0, random.nextInt(joined.length() + 1)) : joined;
    }

    private static void swap(List<String> lines, int a, int b) {
        String first = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, first);
    }

    private static String flip(String line, Random random) {
        if (line.isEmpty()) {
            return String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        char[] chars = line.toCharArray();
        chars[random.nextInt(chars.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        return new String(chars);
    }

    private static String randomLine(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
