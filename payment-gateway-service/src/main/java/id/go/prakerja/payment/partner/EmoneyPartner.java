package id.go.prakerja.payment.partner;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.snap.SnapClient;

/** An e-wallet: SNAP e-money account inquiry (37), top-up (38) and top-up status (39), by phone number. */
abstract class EmoneyPartner extends SnapPaymentPartner {

    protected EmoneyPartner(PayoutPartner id, SnapClient client) {
        super(id, client);
    }

    @Override
    protected String inquiryPath() {
        return "/snap/v1.0/emoney/account-inquiry";
    }

    @Override
    protected String transferPath() {
        return "/snap/v1.0/emoney/topup";
    }

    @Override
    protected String statusPath() {
        return "/snap/v1.0/emoney/topup-status";
    }

    @Override
    protected String transferServiceCode() {
        return "38";
    }

    @Override
    protected String destinationField() {
        return "customerNumber";
    }

    @Override
    protected String holderNameField() {
        return "customerName";
    }

    /** {@code 08…} from {@code +628…}, {@code 628…} or {@code 08…}. */
    static String nationalPhone(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.startsWith("62")) {
            return "0" + digits.substring(2);
        }
        return digits;
    }
}
