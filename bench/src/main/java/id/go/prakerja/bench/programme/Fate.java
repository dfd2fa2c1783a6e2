package id.go.prakerja.bench.programme;

import java.util.SplittableRandom;

/**
 * Where one person of the programme stops, drawn once per person from a seeded random, with rates
 * shaped after the 2020 funnel ({@code domain.md}): 23.2 million registered, 78% passed e-mail, 74%
 * of them Dukcapil, 90% of those the phone; of those selected, about one in five did not use the
 * balance in time, and many finished a training but never linked an account. What 2020 lost to
 * manual work (accounts verified by hand) is not a fate here: the platform's job is to close it.
 */
enum Fate {
    /** Registers and logs in, never confirms the e-mail. */
    NO_EMAIL,
    /** Registers with a name Dukcapil does not hold for the NIK: the NIK layer fails. */
    NAME_MISMATCH,
    /** Passes e-mail and Dukcapil, never confirms the phone. */
    NO_PHONE,
    /** The face match cannot decide; an operator rejects the case. */
    FACE_REJECTED,
    /** The face match cannot decide; an operator approves the case; then the whole way. */
    FACE_APPROVED,
    /** Verified, selected, never buys a training (misses the 30-day deadline). */
    NO_PURCHASE,
    /** Buys a training, never starts it at the platform. */
    NO_COMPLETION,
    /** Completes and rates it, never writes the review: not reconciled. */
    NO_REVIEW,
    /** Reconciled, never links a payout account. */
    NO_ACCOUNT,
    /** Links an account the partner refuses, then a good one. */
    REJECTED_THEN_GOOD,
    /** Paid all four tranches, never answers a survey. */
    SKIPS_SURVEYS,
    /** Walks the whole programme. */
    WHOLE_WAY;

    static Fate of(long seed, int person) {
        double r = new SplittableRandom(seed * 1_000_003L + person).nextDouble();   // java.util.Random's first draw barely differs between neighbouring seeds
        double[] upTo = {0.10, 0.16, 0.20, 0.21, 0.22, 0.30, 0.34, 0.38, 0.42, 0.46, 0.52};
        Fate[] fates = values();
        for (int i = 0; i < upTo.length; i++) {
            if (r < upTo[i]) {
                return fates[i];
            }
        }
        return WHOLE_WAY;
    }

    boolean verified() {
        return ordinal() >= FACE_APPROVED.ordinal();
    }

    /** Where they stop once verified: those an operator approved walk the whole way. */
    private Fate afterVerification() {
        return this == FACE_APPROVED ? WHOLE_WAY : this;
    }

    boolean buys() {
        return afterVerification().ordinal() >= NO_COMPLETION.ordinal();
    }

    boolean completes() {
        return afterVerification().ordinal() >= NO_REVIEW.ordinal();
    }

    boolean reconciled() {
        return afterVerification().ordinal() >= NO_ACCOUNT.ordinal();
    }

    boolean linksAGoodAccount() {
        return afterVerification().ordinal() >= REJECTED_THEN_GOOD.ordinal();
    }

    boolean answersSurveys() {
        return afterVerification() == WHOLE_WAY || this == REJECTED_THEN_GOOD;
    }
}
