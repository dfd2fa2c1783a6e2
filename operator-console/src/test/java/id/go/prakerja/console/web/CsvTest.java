package id.go.prakerja.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void cells_with_separators_quotes_or_line_breaks_are_quoted() {
        assertThat(Csv.write(List.of("a", "b"), List.of(List.of("x,y", "say \"hi\""), List.of("line\nbreak", 42))))
                .isEqualTo("a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",42\r\n");
    }

    @Test
    void a_cell_a_spreadsheet_would_run_as_a_formula_is_defused_but_numbers_stay_numbers() {
        assertThat(Csv.cell("=HYPERLINK(\"x\")")).startsWith("\"'=");
        assertThat(Csv.cell("@cmd")).isEqualTo("'@cmd");
        assertThat(Csv.cell(-12)).isEqualTo("-12");
        assertThat(Csv.cell("-0.5")).isEqualTo("-0.5");
        assertThat(Csv.cell(null)).isEmpty();
    }
}
