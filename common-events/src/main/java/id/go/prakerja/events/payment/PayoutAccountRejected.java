package id.go.prakerja.events.payment;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;
import java.util.UUID;

/**
 * The partner did not accept the account of a link request.
 *
 * @param reasonCode          what the participant has to fix
 * @param accountHolderMasked for {@link AccountRejectionReason#NAME_MISMATCH}, the name the partner holds for the
 *                            account, masked (first and last letter of each word, e.g. {@code B**I S*****O}), so the
 *                            participant sees how it differed without the event carrying a stranger's name; for
 *                            {@link AccountRejectionReason#PHONE_MISMATCH} the account's phone, masked
 *                            ({@code 0812****7890}); otherwise null
 */
public record PayoutAccountRejected(
        UUID linkId, AccountRejectionReason reasonCode, Instant rejectedAt, String accountHolderMasked)
        implements DomainEvent {

    public PayoutAccountRejected {
        Require.notNull(linkId, "linkId");
        Require.notNull(reasonCode, "reasonCode");
        Require.notNull(rejectedAt, "rejectedAt");
    }

    public PayoutAccountRejected(UUID linkId, AccountRejectionReason reasonCode, Instant rejectedAt) {
        this(linkId, reasonCode, rejectedAt, null);
    }
}
