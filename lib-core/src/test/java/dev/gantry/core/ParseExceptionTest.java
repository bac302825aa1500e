package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ParseExceptionTest {

    private static final String TEXT = "first\r\nsecond line\nthird";

    @Test
    void atLineQuotesThatLineOfTheTextWithoutItsLineBreak() {
        ParseException error = ParseException.atLine("mdstat on worker-1", TEXT, 2, "expected a status line", null);

        assertThat(error.source()).isEqualTo("mdstat on worker-1");
        assertThat(error.line()).hasValue(2);
        assertThat(error.offendingText()).contains("second line");
        assertThat(error.getMessage()).startsWith("mdstat on worker-1:2: expected a status line")
                .contains("second line");
    }

    @Test
    void atLineKeepsTheCauseAndStripsACarriageReturn() {
        IOException cause = new IOException("boom");

        ParseException error = ParseException.atLine("x", TEXT, 1, "bad", cause);

        assertThat(error.offendingText()).contains("first");
        assertThat(error.getCause()).isSameAs(cause);
    }

    @Test
    void aLineBeyondTheTextOrUnknownQuotesNothing() {
        assertThat(ParseException.atLine("x", TEXT, 9, "bad", null).offendingText()).isEmpty();
        assertThat(ParseException.atLine("x", TEXT, 0, "bad", null).line()).isEmpty();
    }

    @Test
    void aNegativeLineIsAProgrammingError() {
        assertThatThrownBy(() -> ParseException.atLine("x", TEXT, -1, "bad", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
