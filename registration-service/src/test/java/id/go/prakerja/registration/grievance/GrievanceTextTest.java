package id.go.prakerja.registration.grievance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrievanceTextTest {

    @Test
    void text_with_line_breaks_in_the_limits_is_fine() {
        assertThat(GrievanceText.problem("Insentif saya belum masuk.\nSudah 2 bulan.", 10, 2000)).isEmpty();
        assertThat(GrievanceText.problem("Saya sudah selesai pelatihan 👍", 10, 2000)).isEmpty();
    }

    @Test
    void nul_and_control_characters_are_refused() {
        assertThat(GrievanceText.problem("Insentif belum\u0000 masuk", 10, 2000)).contains("TEXT_CONTROL_CHARACTER");
        assertThat(GrievanceText.problem("Insentif belum\u001b[2J masuk", 10, 2000)).contains("TEXT_CONTROL_CHARACTER");
        assertThat(GrievanceText.problem("Insentif belum\u202e masuk", 10, 2000)).contains("TEXT_CONTROL_CHARACTER");
        assertThat(GrievanceText.problem("Insentif belum \ud800 masuk", 10, 2000)).contains("TEXT_CONTROL_CHARACTER");
    }

    @Test
    void too_short_too_long_or_blank_is_refused() {
        assertThat(GrievanceText.problem("   ", 10, 2000)).contains("NotBlank");
        assertThat(GrievanceText.problem(null, 10, 2000)).contains("NotBlank");
        assertThat(GrievanceText.problem("pendek", 10, 2000)).contains("TEXT_LENGTH");
        assertThat(GrievanceText.problem("x".repeat(2001), 10, 2000)).contains("TEXT_LENGTH");
        assertThat(GrievanceText.problem("x".repeat(2000), 10, 2000)).isEmpty();
    }
}
