package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    private static final List<String> TRICKY = List.of(
            "plain", "two words", "it's", "'", "''", "\"double\"", "$HOME", "${PATH}", "`id`", "$(id)",
            "line1\nline2", "tab\there", "back\\slash", "*", "?", "[a]", "~", "~root", "a=b", "-n", "--",
            ";", "&&", "|", ">", "<", "#comment", "!", "über ∑ 日本 🚀", "", " ", "end\\", "%s", "\r\n");

    @Test
    void leavesSafeWordsAlone() {
        assertThat(ShellQuote.quote("/usr/bin/etcd")).isEqualTo("/usr/bin/etcd");
        assertThat(ShellQuote.quote("--data-dir=/var/lib/etcd")).isEqualTo("'--data-dir=/var/lib/etcd'");
        assertThat(ShellQuote.quote("user@host:22,x+y%z")).isEqualTo("user@host:22,x+y%z");
    }

    @Test
    void singleQuotesSpacesAndShellCharacters() {
        assertThat(ShellQuote.quote("two words")).isEqualTo("'two words'");
        assertThat(ShellQuote.quote("$HOME")).isEqualTo("'$HOME'");
        assertThat(ShellQuote.quote("`id`")).isEqualTo("'`id`'");
        assertThat(ShellQuote.quote("a\nb")).isEqualTo("'a\nb'");
        assertThat(ShellQuote.quote("über")).isEqualTo("'über'");
    }

    @Test
    void writesEmbeddedSingleQuotesAsCloseEscapeOpen() {
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.quote("'")).isEqualTo("''\\'''");
    }

    @Test
    void quotesTheEmptyStringAsTwoQuotes() {
        assertThat(ShellQuote.quote("")).isEqualTo("''");
        assertThat(ShellQuote.join(List.of("echo", ""))).isEqualTo("echo ''");
    }

    @Test
    void quotesTildeAndAssignmentsSoTheShellDoesNotExpandThem() {
        assertThat(ShellQuote.quote("~")).isEqualTo("'~'");
        assertThat(ShellQuote.quote("A=1")).isEqualTo("'A=1'");
    }

    @Test
    void rejectsNulWhichNoArgumentCanHold() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "it's", "$HOME", "`id`", "a\nb", "über ∑ 日本 🚀", "", "'\"\\"})
    void eachArgumentRoundTripsThroughARealShell(String argument) {
        assertThat(throughShell(List.of(argument))).containsExactly(argument);
    }

    @Test
    void aWholeTrickyArgumentVectorRoundTripsThroughARealShell() {
        assertThat(throughShell(TRICKY)).containsExactlyElementsOf(TRICKY);
    }

    /** Runs {@code sh -c "printf '%s\0' <quoted args>"} and splits what printf wrote at the NULs. */
    static List<String> throughShell(List<String> arguments) {
        String script = "printf '%s\\0' " + ShellQuote.join(arguments);
        ExecResult result = LocalExecutor.ofDefaults().exec(Host.local(), List.of("/bin/sh", "-c", script),
                Duration.ofSeconds(20));
        assertThat(result.exit()).as(result.stderr()).isZero();
        String out = result.stdout();
        assertThat(out).endsWith("\0");
        return new ArrayList<>(Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1)));
    }
}
