package id.go.prakerja.payment.partner;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.snap.SnapClient;

/**
 * LinkAja: an e-wallet whose top-ups often answer "pending" ({@code 202}) and settle seconds later,
 * sometimes failing then; the slowest of the four. Takes phones in any Indonesian format.
 */
public final class LinkAjaPartner extends EmoneyPartner {

    public LinkAjaPartner(SnapClient client) {
        super(PayoutPartner.LINKAJA, client);
    }

    @Override
    public String destination(String accountNumber) {
        return nationalPhone(accountNumber);
    }
}
