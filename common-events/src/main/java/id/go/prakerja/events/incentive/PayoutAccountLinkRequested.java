package id.go.prakerja.events.incentive;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.util.UUID;

/**
 * The participant asked to link a payout account; the payment gateway checks it with the partner.
 *
 * @param accountNumber   bank account number (BNI) or e-wallet phone number
 * @param nik             field-encrypted NIK, for the partner's owner check
 * @param fullName        name to match against the account owner
 * @param registeredPhone the phone verified at registration; an e-wallet's phone must equal it
 */
public record PayoutAccountLinkRequested(
        UUID linkId, PayoutPartner partner, String accountNumber, String nik, String fullName, String registeredPhone)
        implements DomainEvent {

    public PayoutAccountLinkRequested {
        Require.notNull(linkId, "linkId");
        Require.notNull(partner, "partner");
        Require.notBlank(accountNumber, "accountNumber");
        Require.notBlank(nik, "nik");
        Require.notBlank(fullName, "fullName");
        Require.notBlank(registeredPhone, "registeredPhone");
    }

    /** Personal data stays out of logs. */
    @Override
    public String toString() {
        return "PayoutAccountLinkRequested[linkId=" + linkId + ", partner=" + partner + "]";
    }
}
