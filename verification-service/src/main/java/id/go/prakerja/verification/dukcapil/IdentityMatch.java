package id.go.prakerja.verification.dukcapil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the NIK layer from Dukcapil's answer. Every element must reach the threshold; an element
 * the answer leaves out counts as 0, so a partial answer never passes. The first element short of
 * it names the reason; all of them are kept in the detail for the operator.
 */
public final class IdentityMatch {

    /** The elements in the order their mismatch is reported, with the reason each gives. */
    static final Map<String, String> ELEMENTS;

    static {
        Map<String, String> elements = new LinkedHashMap<>();
        elements.put("nik", "NIK_MISMATCH");
        elements.put("kkNumber", "KK_MISMATCH");
        elements.put("fullName", "NAME_MISMATCH");
        elements.put("birthDate", "BIRTH_DATE_MISMATCH");
        elements.put("birthPlace", "BIRTH_PLACE_MISMATCH");
        ELEMENTS = java.util.Collections.unmodifiableMap(elements);
    }

    public static final String NOT_FOUND = "NIK_NOT_FOUND";

    /** @param reasonCode empty when the layer passes */
    public record Outcome(Optional<String> reasonCode, String detail) {
        public boolean passed() {
            return reasonCode.isEmpty();
        }
    }

    private IdentityMatch() {
    }

    public static Outcome decide(CivilRegistry.Verdict verdict, int threshold) {
        if (threshold < 0 || threshold > 100) {
            throw new IllegalArgumentException("threshold must be 0-100, was " + threshold);
        }
        if (!verdict.found()) {
            return new Outcome(Optional.of(NOT_FOUND), "NIK unknown to Dukcapil");
        }
        List<String> shortfalls = new ArrayList<>();
        String reason = null;
        for (Map.Entry<String, String> element : ELEMENTS.entrySet()) {
            int percentage = verdict.fields().getOrDefault(element.getKey(), 0);
            if (percentage < threshold) {
                shortfalls.add(element.getKey() + " " + percentage + "%");
                if (reason == null) {
                    reason = element.getValue();
                }
            }
        }
        String detail = shortfalls.isEmpty() ? "all elements >= " + threshold + "%"
                : "below " + threshold + "%: " + String.join(", ", shortfalls);
        return new Outcome(Optional.ofNullable(reason), detail);
    }
}
