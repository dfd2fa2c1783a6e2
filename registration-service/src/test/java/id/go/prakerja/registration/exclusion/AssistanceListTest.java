package id.go.prakerja.registration.exclusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class AssistanceListTest {

    @Test
    void reads_csv_with_a_header_quotes_comments_and_blank_lines_and_reports_bad_lines_by_number() {
        AssistanceList list = read("""
                \uFEFFnik;program;kabupaten
                "3174050101900001";PKH;3174

                # added by hand
                3273154512850002,BPNT
                31740501019000X1,PKH
                3174050101900001;PKH
                9974050101900001
                """);
        assertThat(list.niks()).containsExactly("3174050101900001", "3273154512850002");
        assertThat(list.duplicates()).isEqualTo(1);
        assertThat(list.invalid()).containsExactly(new AssistanceList.Invalid(6, "NIK_FORMAT"),
                new AssistanceList.Invalid(8, "NIK_PROVINCE"));
    }

    @Property
    void every_valid_nik_is_read_once_whatever_the_separator_quotes_and_padding(@ForAll("niks") List<String> niks,
            @ForAll("separators") String separator, @ForAll boolean quoted, @ForAll @IntRange(max = 3) int padding) {
        List<String> lines = new ArrayList<>();
        lines.add("NIK" + separator + "PROGRAM");
        for (String nik : niks) {
            String field = quoted ? "\"" + nik + "\"" : nik;
            lines.add(" ".repeat(padding) + field + separator + "PKH" + " ".repeat(padding));
        }
        AssistanceList list = read(String.join("\n", lines));

        assertThat(list.niks()).containsExactlyElementsOf(niks.stream().distinct().toList());
        assertThat(list.duplicates()).isEqualTo(niks.size() - niks.stream().distinct().count());
        assertThat(list.invalid()).isEmpty();
    }

    @Provide
    Arbitrary<List<String>> niks() {
        Arbitrary<String> nik = Arbitraries.of("31", "32", "33", "35", "73").flatMap(province ->
                Arbitraries.integers().between(1, 28).flatMap(day -> Arbitraries.integers().between(1, 9999).map(serial ->
                        province + "7405" + "%02d".formatted(day) + "0190" + "%04d".formatted(serial))));
        return nik.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(",", ";", "\t", "|");
    }

    private static AssistanceList read(String text) {
        AssistanceList list = new AssistanceList();
        text.lines().forEach(list::accept);
        return list;
    }
}
