package id.go.prakerja.incentive.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A participant's payout-account link as they see it.
 *
 * @param reasonCode          why the partner refused the account (REJECTED only)
 * @param reasonMessage       what to do about it, in the request's language (Bahasa Indonesia or English)
 * @param accountHolderMasked for a name mismatch the partner's holder name, for a phone mismatch the account's phone, masked
 * @param onHold              why the participant's incentive is held, e.g. SHARED_PAYOUT_ACCOUNT (null when it is not)
 * @param onHoldMessage       what that means for them, in the request's language
 */
public record PayoutAccountView(UUID linkId, String partner, String accountNumberMasked, String status,
        String reasonCode, String reasonMessage, String accountHolderMasked, Instant requestedAt, Instant decidedAt,
        String onHold, String onHoldMessage) {
}
