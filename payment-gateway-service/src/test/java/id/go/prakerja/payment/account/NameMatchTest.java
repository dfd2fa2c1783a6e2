package id.go.prakerja.payment.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Name matching against real Indonesian name variants, and its properties. */
class NameMatchTest {

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', value = {
            "Budi Santoso | BUDI SANTOSO",
            "Budi Santoso | budi  santoso",
            "Budi Santoso | Budi Santoso, S.Kom",
            "Budi Santoso | Ir. Budi Santoso, M.T.",
            "Siti Aminah | Hj. Siti Aminah",
            "Ahmad Fauzi | H. Ahmad Fauzi, S.E.",
            "Muhammad Rizki | Muhamad Rizki",
            "Muhammad Rizki | M. Rizki",
            "Muhammad Rizki | Moch. Rizki",
            "Mohammad Hatta | Muhammad Hatta",
            "Mochamad Ridwan Kamil | Muhammad Ridwan Kamil",
            "Soekarno | Sukarno",
            "Djoko Susilo | Joko Susilo",
            "Tjahjo Kumolo | Cahyo Kumolo",
            "Yusuf Kalla | Jusuf Kalla",
            "Achmad Yani | Akhmad Yani",
            "Nurul Hidayah | Nurul Hidayat",
            "Dewi Lestari | Dewi Lestary",
            "Andi Wijaya | Andy Wijaya",
            "Sri Mulyani Indrawati | Sri Mulyani Indrawati",
            "Dr. Anisa Putri | Anisa Putri, S.Pd",
            "I Gede Made Suarta | I GEDE MADE SUARTA",
            "Putu Ayu Lestari | PUTU AYU LESTARI S.PD",
            "Nur'aini | Nuraini",
            "Abdul Rahman | Abdurrahman"})
    void the_same_person_written_another_way_scores_at_least_80(String ours, String theirs) {
        assertThat(NameMatch.compare(ours, theirs).score()).isGreaterThanOrEqualTo(80);
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource(delimiter = '|', value = {
            "Budi Santoso | Siti Rahmawati",
            "Budi Santoso | Budi Hartono",
            "Muhammad Rizki | Ahmad Rizki Pratama",
            "Dewi Lestari | Dewi",
            "Agus Salim | Agustina Salimah Wijaya",
            "Eko Prasetyo | Eka Prasetya Ningsih"})
    void someone_else_scores_below_80(String ours, String theirs) {
        assertThat(NameMatch.compare(ours, theirs).score()).isLessThan(80);
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> word = Arbitraries.of("BUDI", "SANTOSO", "SITI", "AMINAH", "AHMAD", "FAUZI", "DEWI", "LESTARI",
                "RIZKI", "PRATAMA", "WAHYU", "HIDAYAT", "PUTRI", "AGUS", "SETIAWAN", "NUR", "HALIMAH", "YOGA");
        return word.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(" ", l));
    }

    @Property
    void case_spacing_punctuation_and_titles_do_not_change_the_score(@ForAll("names") String name,
            @ForAll("decorations") Decoration d) {
        String written = d.apply(name);
        assertThat(NameMatch.compare(name, written).score()).as(written).isEqualTo(100);
    }

    @Property
    void the_score_is_symmetric_and_between_0_and_100(@ForAll("names") String a, @ForAll("names") String b) {
        int ab = NameMatch.compare(a, b).score();
        assertThat(ab).isBetween(0, 100);
        assertThat(NameMatch.compare(b, a).score()).isBetween(ab - 2, ab + 2);
    }

    @Property
    void a_name_always_matches_itself_and_a_missing_word_costs_the_match(@ForAll("names") String name) {
        assertThat(NameMatch.compare(name, name).score()).isEqualTo(100);
        String[] words = name.split(" ");
        if (words.length == 2 && !words[0].equals(words[1])) {
            assertThat(NameMatch.compare(name, words[0]).score()).isLessThan(80);
        }
    }

    record Decoration(String title, String degree, boolean lower, String spaces) {
        String apply(String name) {
            String n = lower ? name.toLowerCase() : name;
            return title + spaces + n.replace(" ", spaces) + degree;
        }
    }

    @Provide
    Arbitrary<Decoration> decorations() {
        return Combinators.combine(Arbitraries.of("", "H. ", "Hj. ", "Ir. ", "Dr. ", "Drs. "),
                Arbitraries.of("", ", S.Kom", ", S.E.", " S.Pd", ", M.M.", ", S.T., M.T."),
                Arbitraries.of(true, false), Arbitraries.of(" ", "  ", " \t")).as(Decoration::new);
    }

    @org.junit.jupiter.api.Test
    void the_holder_is_masked_word_by_word_and_the_comparison_is_kept() {
        assertThat(NameMatch.mask("Budi Santoso")).isEqualTo("B**I S*****O");
        assertThat(NameMatch.compare("Muhammad Budi", "M. Budi").comparison()).isEqualTo("MUHAMMAD=M(90) BUDI=BUDI(100)");
    }

    @org.junit.jupiter.api.Test
    void the_comparison_kept_for_operators_masks_every_name_word_and_keeps_how_they_matched() {
        NameMatch.Result result = NameMatch.compare("Muhammad Budi Santoso", "M. Budi Susanto");
        assertThat(result.maskedComparison()).isEqualTo("M******D=M(90) B**I=B**I(100) S*****O=? ?=S*****O");
        assertThat(result.toString()).doesNotContain("BUDI", "SANTOSO");
        assertThat(NameMatch.compare("Abdul Rahman", "Abdurrahman").maskedComparison())
                .startsWith("A***L=? R****N=? ?=A********N  | joined A*********N=A********N(")
                .doesNotContain("ABDUL", "RAHMAN");
        assertThat(NameMatch.maskWords("a name is empty")).isEqualTo("a name is empty");
        assertThat(NameMatch.maskWords(result.maskedComparison())).isEqualTo(result.maskedComparison());
    }
}
