package id.go.prakerja.payment.disbursement;

import java.util.List;
import java.util.stream.Collectors;

import id.go.prakerja.payment.partner.PartnerAnswer;

/**
 * What the status inquiries of every reference an instruction ever used say together; plain Java.
 * A payment IN_DOUBT (refused after an ambiguous attempt) ends only on this: one reference credited
 * makes it paid; every reference shown uncredited (the partner has no transfer under it, or holds
 * it as failed) makes it failed, for the reason the refusal gave; anything else (pending, no
 * answer, not asked) leaves the doubt, and the references are asked again later.
 */
public final class ReferenceCheck {

    private ReferenceCheck() {
    }

    /** One reference and what its partner answered about it. */
    public record Asked(String partnerReferenceNo, PartnerAnswer answer) {
    }

    /** @param creditedReference ours, of the reference the partner shows credited; null unless {@code answer} is PAID */
    public record Result(PartnerAnswer answer, String creditedReference) {
    }

    public static Result combine(List<Asked> asked) {
        if (asked.isEmpty()) {
            return new Result(PartnerAnswer.unknown("CHECK", "no reference to ask"), null);
        }
        for (Asked a : asked) {
            if (a.answer().kind() == PartnerAnswer.Kind.PAID) {
                return new Result(new PartnerAnswer(PartnerAnswer.Kind.PAID, a.answer().partnerReference(),
                        a.answer().rawCode(), null, null, a.partnerReferenceNo() + " credited (" + summary(asked) + ")"),
                        a.partnerReferenceNo());
            }
        }
        boolean allUncredited = asked.stream().allMatch(a -> a.answer().kind() == PartnerAnswer.Kind.NOT_FOUND
                || a.answer().kind() == PartnerAnswer.Kind.FAILED);
        if (allUncredited) {
            return new Result(new PartnerAnswer(PartnerAnswer.Kind.FAILED, null, lastRaw(asked), null, null,
                    "none of " + asked.size() + " reference(s) credited (" + summary(asked) + ")"), null);
        }
        return new Result(PartnerAnswer.unknown(lastRaw(asked), "not every reference shown uncredited (" + summary(asked) + ")"),
                null);
    }

    private static String lastRaw(List<Asked> asked) {
        return asked.getLast().answer().rawCode();
    }

    private static String summary(List<Asked> asked) {
        return asked.stream().map(a -> a.partnerReferenceNo() + ": " + a.answer().kind()).collect(Collectors.joining(", "));
    }
}
