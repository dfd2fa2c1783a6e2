package id.go.prakerja.simulators.payment;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The partner's own {@code referenceNo}s: its prefix, the Jakarta date and a sequence of at least
 * eight digits, e.g. {@code BNI2024061700000042}. The sequence runs on across days and resets, and
 * continues after the highest one a kept ledger holds, so no number is handed out twice.
 */
final class ReferenceNumbers {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final String prefix;
    private final AtomicLong sequence = new AtomicLong();

    ReferenceNumbers(PartnerProfile profile) {
        this.prefix = profile.referencePrefix();
    }

    String next() {
        String number = Long.toString(sequence.incrementAndGet());
        String day = LocalDate.now(SnapSignature.WIB).format(YYYYMMDD);
        return prefix + day + "0".repeat(Math.max(0, 8 - number.length())) + number;
    }

    /** Moves the sequence past every referenceNo of {@code transfers} this partner issued. */
    void continueAfter(Collection<PaymentRecord> transfers) {
        long highest = sequence.get();
        for (PaymentRecord record : transfers) {
            highest = Math.max(highest, sequenceOf(record.referenceNo()));
        }
        sequence.set(highest);
    }

    /** The sequence at the end of a referenceNo this partner issued ({@link #next()}), else 0. */
    private long sequenceOf(String referenceNo) {
        int start = prefix.length() + 8;
        if (referenceNo == null || !referenceNo.startsWith(prefix) || referenceNo.length() <= start
                || referenceNo.length() > start + 18) {
            return 0;
        }
        String digits = referenceNo.substring(start);
        return digits.chars().allMatch(Character::isDigit) ? Long.parseLong(digits) : 0;
    }
}
