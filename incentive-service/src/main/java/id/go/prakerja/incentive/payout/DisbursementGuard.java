package id.go.prakerja.incentive.payout;

import java.util.Optional;

import id.go.prakerja.events.incentive.IncentiveKind;

/**
 * The last check before money is asked for: what a participant has been requested in total, plus
 * this tranche, may never exceed the programme's maximum (Rp2,400,000 + Rp150,000), and a tranche
 * must be one the rules can create. Plain Java; the runner asks it under the participant's lock.
 */
public record DisbursementGuard(long maxPerParticipant, long postTrainingAmount, long surveyAmount) {

    /** Why the tranche must not be requested, or empty when it may be. */
    public Optional<String> refusal(IncentiveKind kind, int sequence, long amount, long alreadyRequested) {
        if (sequence < 1 || sequence > kind.maxSequence()) {
            return Optional.of(kind + " sequence " + sequence + " does not exist");
        }
        long expected = kind == IncentiveKind.POST_TRAINING ? postTrainingAmount : surveyAmount;
        if (amount != expected) {
            return Optional.of(kind + " amount " + amount + " is not the programme's " + expected);
        }
        if (alreadyRequested + amount > maxPerParticipant) {
            return Optional.of("total " + (alreadyRequested + amount) + " would exceed the maximum " + maxPerParticipant);
        }
        return Optional.empty();
    }
}
