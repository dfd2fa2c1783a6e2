package id.go.prakerja.incentive.participant;

import static id.go.prakerja.support.crypto.SealedTable.key;
import static id.go.prakerja.support.crypto.SealedTable.text;

import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.support.crypto.SealedTable;

/** Where this service keeps the NIK sealed, and how it and the payout account data travel in and out. */
@Configuration(proxyBeanMethods = false)
public class SealedParticipantData {

    public static final SealedTable PARTICIPANT = new SealedTable("participant",
            List.of(key("participant_id", "uuid")), List.of(text("nik_sealed")));

    public static SealContext nik(UUID participantId) {
        return PARTICIPANT.context("nik_sealed", participantId);
    }

    /** The NIK as registration seals it in its events. */
    public static SealContext nikFromRegistration(UUID participantId) {
        return SealContext.ofEvent(ParticipantRegistered.class, "nik", participantId);
    }

    /** The NIK as this service seals it for the payment gateway. */
    public static SealContext nikForGateway(UUID participantId) {
        return SealContext.ofEvent(PayoutAccountLinkRequested.class, "nik", participantId);
    }

    /** The payout account's holder name as this service seals it for the payment gateway. */
    public static SealContext fullNameForGateway(UUID participantId) {
        return SealContext.ofEvent(PayoutAccountLinkRequested.class, "fullName", participantId);
    }

    /** The phone verified at registration as this service seals it for the payment gateway. */
    public static SealContext registeredPhoneForGateway(UUID participantId) {
        return SealContext.ofEvent(PayoutAccountLinkRequested.class, "registeredPhone", participantId);
    }

    /** The account to verify (BNI account number or e-wallet phone) as this service seals it for the payment gateway. */
    public static SealContext accountToLinkForGateway(UUID participantId) {
        return SealContext.ofEvent(PayoutAccountLinkRequested.class, "accountNumber", participantId);
    }

    /** The account to pay as this service seals it in a disbursement request. */
    public static SealContext accountToPayForGateway(UUID participantId) {
        return SealContext.ofEvent(DisbursementRequested.class, "accountNumber", participantId);
    }

    @Bean
    SealedTable participantSealedColumns() {
        return PARTICIPANT;
    }
}
