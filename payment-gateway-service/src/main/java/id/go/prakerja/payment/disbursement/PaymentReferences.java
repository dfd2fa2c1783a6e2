package id.go.prakerja.payment.disbursement;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.go.prakerja.payment.snap.SnapSignatures;

/**
 * The partner's {@code partnerReferenceNo} of an instruction. Partners take at most 64 letters and
 * digits, and instruction ids ({@code <participant uuid>:<KIND>:<n>}) have colons and dashes, so the
 * reference is derived deterministically: {@code PK} + the uuid's 32 hex digits + the kind's
 * initial + the sequence (36 characters), and a later attempt after a definite failure (an
 * operator's retry, or a new request once the participant's account changed) appends
 * {@code R<attempt>}. The mapping is kept on the payment row.
 */
public final class PaymentReferences {

    private static final Pattern INSTRUCTION = Pattern.compile(
            "([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12}):([A-Z_]+):(\\d{1,3})");

    private PaymentReferences() {
    }

    public static String of(String instructionId, int attempt) {
        Matcher m = INSTRUCTION.matcher(instructionId);
        String base = m.matches()
                ? "PK" + (m.group(1) + m.group(2) + m.group(3) + m.group(4) + m.group(5)).toLowerCase(java.util.Locale.ROOT)
                        + m.group(6).charAt(0) + m.group(7)
                : "PKH" + SnapSignatures.sha256Hex(instructionId).substring(0, 40);
        return attempt <= 1 ? base : base + "R" + attempt;
    }
}
