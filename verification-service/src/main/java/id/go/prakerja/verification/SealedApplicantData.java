package id.go.prakerja.verification;

import static id.go.prakerja.support.crypto.SealedTable.bytes;
import static id.go.prakerja.support.crypto.SealedTable.key;
import static id.go.prakerja.support.crypto.SealedTable.text;

import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.support.crypto.SealedTable;

/**
 * Where this service keeps personal data sealed (the case's NIK and KK, the KYC images of each
 * attempt) and the contexts they are bound to. The beans let the re-encryption job walk both tables.
 */
@Configuration(proxyBeanMethods = false)
public class SealedApplicantData {

    public static final SealedTable VERIFICATION_CASE = new SealedTable("verification_case",
            List.of(key("participant_id", "uuid")), List.of(text("nik_sealed"), text("kk_sealed")));
    public static final SealedTable KYC_EVIDENCE = new SealedTable("kyc_evidence",
            List.of(key("participant_id", "uuid"), key("attempt", "int")), List.of(bytes("ktp_photo"), bytes("selfie")));

    public static SealContext nik(UUID participantId) {
        return VERIFICATION_CASE.context("nik_sealed", participantId);
    }

    public static SealContext kk(UUID participantId) {
        return VERIFICATION_CASE.context("kk_sealed", participantId);
    }

    public static SealContext ktpPhoto(UUID participantId, int attempt) {
        return KYC_EVIDENCE.context("ktp_photo", participantId, attempt);
    }

    public static SealContext selfie(UUID participantId, int attempt) {
        return KYC_EVIDENCE.context("selfie", participantId, attempt);
    }

    /** NIK and KK as registration seals them in {@link ParticipantRegistered}, for the participant the event speaks for. */
    public static SealContext nikOnTheWire(UUID participantId) {
        return SealContext.ofEvent(ParticipantRegistered.class, "nik", participantId);
    }

    public static SealContext kkOnTheWire(UUID participantId) {
        return SealContext.ofEvent(ParticipantRegistered.class, "kkNumber", participantId);
    }

    @Bean
    SealedTable verificationCaseSealedColumns() {
        return VERIFICATION_CASE;
    }

    @Bean
    SealedTable kycEvidenceSealedColumns() {
        return KYC_EVIDENCE;
    }
}
