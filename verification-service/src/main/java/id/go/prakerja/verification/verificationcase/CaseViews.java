package id.go.prakerja.verification.verificationcase;

import org.springframework.stereotype.Component;

import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.verification.SealedApplicantData;
import id.go.prakerja.verification.VerificationProperties;

/** Turns a case into what participants and operators see (NIK opened only to be masked). */
@Component
public class CaseViews {

    private final PersonalDataCrypto crypto;
    private final VerificationProperties settings;

    public CaseViews(PersonalDataCrypto crypto, VerificationProperties settings) {
        this.crypto = crypto;
        this.settings = settings;
    }

    public VerificationCaseView of(VerificationCase c) {
        return VerificationCaseView.of(c, crypto.decryptAtRest(c.nikSealed(), SealedApplicantData.nik(c.participantId())), settings.maxAttempts());
    }
}
