package id.go.prakerja.registration.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class EligibilityTest {

    private final Eligibility eligibility = new Eligibility(2);

    private static List<String> codes(List<RegistrationRules.Violation> violations) {
        return violations.stream().map(RegistrationRules.Violation::code).toList();
    }

    @Test
    void a_job_seeker_out_of_school_with_no_public_office_on_a_new_family_card_is_eligible() {
        assertThat(eligibility.refusals(new Eligibility.Applicant(new Declarations(false, PublicOffice.NONE), 0, false))).isEmpty();
    }

    @Test
    void the_third_applicant_of_one_family_card_is_refused_under_the_default_limit_of_two() {
        assertThat(eligibility.refusals(new Eligibility.Applicant(new Declarations(false, PublicOffice.NONE), 1, false))).isEmpty();
        var refusals = eligibility.refusals(new Eligibility.Applicant(new Declarations(false, PublicOffice.NONE), 2, false));
        assertThat(codes(refusals)).containsExactly("FAMILY_CARD_LIMIT_REACHED");
        assertThat(refusals.get(0).field()).isEqualTo("kkNumber");
    }

    @Test
    void every_reason_is_reported_at_once_not_one_per_attempt() {
        var refusals = eligibility.refusals(new Eligibility.Applicant(new Declarations(true, PublicOffice.POLRI), 5, true));
        assertThat(codes(refusals)).containsExactlyInAnyOrder("IN_FORMAL_EDUCATION", "POLRI", "NIK_BANNED",
                "FAMILY_CARD_LIMIT_REACHED");
    }

    @Property
    void any_public_office_other_than_none_is_refused_with_its_own_code(@ForAll PublicOffice office) {
        var refusals = eligibility.refusals(new Eligibility.Applicant(new Declarations(false, office), 0, false));
        if (office == PublicOffice.NONE) {
            assertThat(refusals).isEmpty();
        } else {
            assertThat(codes(refusals)).containsExactly(office.name());
            assertThat(refusals.get(0).field()).isEqualTo("declarations.publicOffice");
        }
    }

    @Property
    void the_family_card_limit_refuses_exactly_when_the_card_is_full(@ForAll @LongRange(min = 0, max = 10) long onCard,
            @ForAll @LongRange(min = 1, max = 5) long limit) {
        var refusals = new Eligibility((int) limit).refusals(
                new Eligibility.Applicant(new Declarations(false, PublicOffice.NONE), onCard, false));
        assertThat(refusals.isEmpty()).isEqualTo(onCard < limit);
    }

    @Property
    void a_banned_nik_is_always_refused_whatever_else_is_declared(@ForAll boolean student, @ForAll PublicOffice office) {
        assertThat(codes(eligibility.refusals(new Eligibility.Applicant(new Declarations(student, office), 0, true))))
                .contains("NIK_BANNED");
    }
}
