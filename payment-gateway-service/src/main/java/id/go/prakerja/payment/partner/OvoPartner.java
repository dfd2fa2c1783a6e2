package id.go.prakerja.payment.partner;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.snap.SnapClient;

/** OVO: an e-wallet that only accepts the national phone format {@code 08…}. */
public final class OvoPartner extends EmoneyPartner {

    public OvoPartner(SnapClient client) {
        super(PayoutPartner.OVO, client);
    }

    @Override
    public String destination(String accountNumber) {
        return nationalPhone(accountNumber);
    }
}
