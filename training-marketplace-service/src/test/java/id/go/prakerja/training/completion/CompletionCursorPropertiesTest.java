package id.go.prakerja.training.completion;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The rule for a platform's completion cursor and for the pages answered to it. */
class CompletionCursorPropertiesTest {

    @Property
    void a_cursor_written_as_the_platform_writes_it_is_read_back(@ForAll @LongRange(min = 0, max = 999_999_999_999_999_999L) long n,
            @ForAll @IntRange(min = 0, max = 3) int leadingZeros) {
        String text = "0".repeat(leadingZeros) + n;
        if (text.length() <= 18) {
            assertThat(CompletionCursor.parse(text)).contains(new CompletionCursor(n));
        } else {
            assertThat(CompletionCursor.parse(text)).isEmpty();
        }
        assertThat(CompletionCursor.parse(new CompletionCursor(n).toString())).contains(new CompletionCursor(n));
    }

    @Property
    void anything_but_up_to_18_decimal_digits_is_not_a_cursor(@ForAll("notCursors") String text) {
        assertThat(CompletionCursor.parse(text)).isEmpty();
    }

    @Provide
    Arbitrary<String> notCursors() {
        Arbitrary<String> withOtherCharacter = Arbitraries.strings().numeric().ofMaxLength(8).flatMap(digits -> Arbitraries
                .strings().withCharRange('\u0000', '\uffff').ofLength(1).filter(c -> !Character.isDigit(c.charAt(0)) || c.charAt(0) > '9')
                .flatMap(other -> Arbitraries.integers().between(0, digits.length())
                        .map(at -> digits.substring(0, at) + other + digits.substring(at))));
        Arbitrary<String> tooLong = Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(40);
        return Arbitraries.oneOf(withOtherCharacter, tooLong, Arbitraries.of("", "-1", "+1", " 1", "1 ", "1.0", "１"));
    }

    @Property
    void a_page_is_taken_only_if_its_cursor_moves_on_when_it_lists_completions_and_never_goes_back(
            @ForAll @LongRange(min = 0, max = 1_000_000) long asked, @ForAll @LongRange(min = 0, max = 1_000_000) long next,
            @ForAll @IntRange(min = 0, max = 1000) int items) {
        boolean taken = new CompletionCursor(asked).accepts(new CompletionCursor(next), items);
        assertThat(taken).isEqualTo(next > asked || (next == asked && items == 0));
    }
}
