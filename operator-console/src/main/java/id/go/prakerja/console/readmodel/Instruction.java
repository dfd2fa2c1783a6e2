package id.go.prakerja.console.readmodel;

import java.util.Optional;

/**
 * What a disbursement instruction id says: {@code <participantId>:<KIND>:<sequence>}
 * (DisbursementRequested.instructionId), so an outcome can be placed even before its request
 * arrives from the other topic.
 */
record Instruction(String kind, int sequence) {

    static Optional<Instruction> parse(String instructionId) {
        String[] parts = instructionId.split(":");
        if (parts.length != 3) {
            return Optional.empty();
        }
        int sequence;
        try {
            sequence = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return switch (parts[1]) {
            case "POST_TRAINING" -> sequence >= 1 && sequence <= 4 ? Optional.of(new Instruction(parts[1], sequence)) : Optional.empty();
            case "SURVEY" -> sequence >= 1 && sequence <= 3 ? Optional.of(new Instruction(parts[1], sequence)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The participant_progress column of this tranche's payment. */
    String paidColumn() {
        return (kind.equals("POST_TRAINING") ? "tranche_" : "survey_") + sequence + "_paid_at";
    }
}
