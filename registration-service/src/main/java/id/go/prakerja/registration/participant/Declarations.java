package id.go.prakerja.registration.participant;

import jakarta.validation.constraints.NotNull;

/** The applicant's own statements, checked against the programme's exclusions. */
public record Declarations(@NotNull Boolean inFormalEducation, @NotNull PublicOffice publicOffice) {
}
