package id.go.prakerja.registration.participant;

import java.time.LocalDate;

import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.Sex;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The profile as typed from the KTP and KK. Format checks here; programme rules in {@link RegistrationRules}. */
public record RegistrationRequest(
        @NotBlank String nik,
        @NotBlank String kkNumber,
        @NotBlank @Size(max = 200) String fullName,
        @NotBlank @Size(max = 100) String birthPlace,
        @NotNull @Past LocalDate birthDate,
        @NotNull Sex sex,
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank String phone,
        @NotBlank @Size(max = 500) String address,
        @NotBlank @Pattern(regexp = "\\d{2}") String provinceCode,
        @NotBlank @Pattern(regexp = "\\d{4}") String regencyCode,
        @NotNull Education education,
        @NotNull JobStatus jobStatus,
        @NotNull @Valid Declarations declarations) {

    @Override
    public String toString() {
        return "RegistrationRequest[nik=" + (nik == null ? null : "****") + ", province=" + provinceCode + "]";
    }
}
