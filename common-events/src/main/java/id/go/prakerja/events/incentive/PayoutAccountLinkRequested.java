package id.go.prakerja.events.incentive;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.util.UUID;

/**
 * The participant asked to link a payout account; the payment gateway checks it with the partner.
 *
 * <p>Everything the gateway presents to the partner travels field-encrypted with the transport
 * key: {@code accountNumber}, {@code nik}, {@code fullName} and {@code registeredPhone} each hold a
 * sealed value, bound to the context {@code SealContext.ofEvent(PayoutAccountLinkRequested.class,
 * "<field>", participantId)} of its own field and the envelope's participant, so a value copied
 * into another field, event or participant does not open. The incentive service seals them; the
 * payment gateway opens them. A value that does not open makes the event a poison message.
 *
 * @param accountNumber   sealed (context field {@code "accountNumber"}): bank account number (BNI) or e-wallet phone number
 * @param nik             sealed (context field {@code "nik"}): the NIK, for the partner's owner check
 * @param fullName        sealed (context field {@code "fullName"}): name to match against the account owner
 * @param registeredPhone sealed (context field {@code "registeredPhone"}): the phone verified at registration; an
 *                        e-wallet's phone must equal it
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

    /** Personal data, even sealed, stays out of logs. */
    @Override
    public String toString() {
        return "PayoutAccountLinkRequested[linkId=" + linkId + ", partner=" + partner + "]";
    }
}
