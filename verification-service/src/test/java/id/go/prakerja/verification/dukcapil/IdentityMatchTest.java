package id.go.prakerja.verification.dukcapil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class IdentityMatchTest {

    private static final String[] ELEMENTS = {"nik", "kkNumber", "fullName", "birthDate", "birthPlace"};

    @Property
    void passes_exactly_when_every_element_reaches_the_threshold(@ForAll @IntRange(max = 100) int nik,
            @ForAll @IntRange(max = 100) int kk, @ForAll @IntRange(max = 100) int name,
            @ForAll @IntRange(max = 100) int date, @ForAll @IntRange(max = 100) int place,
            @ForAll @IntRange(max = 100) int threshold) {
        int[] percentages = {nik, kk, name, date, place};
        Map<String, Integer> fields = new HashMap<>();
        for (int i = 0; i < ELEMENTS.length; i++) {
            fields.put(ELEMENTS[i], percentages[i]);
        }
        var outcome = IdentityMatch.decide(new CivilRegistry.Verdict(true, fields), threshold);

        boolean allReach = nik >= threshold && kk >= threshold && name >= threshold && date >= threshold && place >= threshold;
        assertThat(outcome.passed()).isEqualTo(allReach);
        if (!allReach) {
            int first = 0;
            while (percentages[first] >= threshold) {
                first++;
            }
            assertThat(outcome.reasonCode()).contains(IdentityMatch.ELEMENTS.get(ELEMENTS[first]));
        }
    }

    @Property
    void an_element_left_out_of_the_answer_never_passes(@ForAll @IntRange(min = 1, max = 100) int threshold,
            @ForAll @IntRange(max = 4) int missing) {
        Map<String, Integer> fields = new HashMap<>();
        for (String element : ELEMENTS) {
            fields.put(element, 100);
        }
        fields.remove(ELEMENTS[missing]);
        assertThat(IdentityMatch.decide(new CivilRegistry.Verdict(true, fields), threshold).passed()).isFalse();
    }

    @Test
    void an_unknown_nik_is_its_own_reason() {
        var outcome = IdentityMatch.decide(new CivilRegistry.Verdict(false, Map.of()), 90);
        assertThat(outcome.reasonCode()).contains("NIK_NOT_FOUND");
    }

    @Test
    void the_detail_names_every_element_short_of_the_threshold() {
        var outcome = IdentityMatch.decide(new CivilRegistry.Verdict(true, Map.of("nik", 100, "kkNumber", 100,
                "fullName", 71, "birthDate", 100, "birthPlace", 40)), 90);
        assertThat(outcome.reasonCode()).contains("NAME_MISMATCH");
        assertThat(outcome.detail()).isEqualTo("below 90%: fullName 71%, birthPlace 40%");
    }
}
