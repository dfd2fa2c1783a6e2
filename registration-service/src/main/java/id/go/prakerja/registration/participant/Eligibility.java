package id.go.prakerja.registration.participant;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may join the programme, beyond a valid profile: not in formal education, holding no
 * excluded public office, not banned (revoked earlier for not buying a training), and from
 * a family card (KK) that has not reached its participant limit. Each refusal has a stable
 * reason code and names the field it concerns.
 */
public final class Eligibility {

    private final int maxParticipantsPerFamilyCard;

    public Eligibility(int maxParticipantsPerFamilyCard) {
        if (maxParticipantsPerFamilyCard < 1) {
            throw new IllegalArgumentException("a family card must allow at least one participant");
        }
        this.maxParticipantsPerFamilyCard = maxParticipantsPerFamilyCard;
    }

    /** What is known about the applicant when the rules are applied. */
    public record Applicant(Declarations declarations, long participantsOnFamilyCard, boolean nikBanned) {
    }

    public List<RegistrationRules.Violation> refusals(Applicant applicant) {
        List<RegistrationRules.Violation> refusals = new ArrayList<>();
        if (Boolean.TRUE.equals(applicant.declarations().inFormalEducation())) {
            refusals.add(new RegistrationRules.Violation("declarations.inFormalEducation", "IN_FORMAL_EDUCATION"));
        }
        PublicOffice office = applicant.declarations().publicOffice();
        if (office != null && office != PublicOffice.NONE) {
            refusals.add(new RegistrationRules.Violation("declarations.publicOffice", office.name()));
        }
        if (applicant.nikBanned()) {
            refusals.add(new RegistrationRules.Violation("nik", "NIK_BANNED"));
        }
        if (applicant.participantsOnFamilyCard() >= maxParticipantsPerFamilyCard) {
            refusals.add(new RegistrationRules.Violation("kkNumber", "FAMILY_CARD_LIMIT_REACHED", maxParticipantsPerFamilyCard));
        }
        return refusals;
    }
}
