package id.go.prakerja.verification.dukcapil;

import java.time.LocalDate;
import java.util.Map;

/** What verification needs from the civil registry (Dukcapil): how well a person's stated identity matches its records. */
public interface CivilRegistry {

    /**
     * @throws CivilRegistryUnavailable when the registry cannot answer now (down, slow, refusing
     *                                  calls): the check must wait, nobody may fail because of it
     */
    Verdict verify(IdentityQuery query);

    /** The elements to compare; NIK and KK in clear, so never logged. */
    record IdentityQuery(String requestId, String nik, String kkNumber, String fullName, String birthPlace,
            LocalDate birthDate, int threshold) {

        @Override
        public String toString() {
            return "IdentityQuery[requestId=" + requestId + "]";
        }
    }

    /**
     * @param found  whether the registry knows the NIK at all
     * @param fields per element ({@code nik}, {@code kkNumber}, {@code fullName}, {@code birthPlace},
     *               {@code birthDate}), the match percentage 0-100
     */
    record Verdict(boolean found, Map<String, Integer> fields) {
        public Verdict {
            fields = Map.copyOf(fields);
        }
    }

    class CivilRegistryUnavailable extends RuntimeException {
        public CivilRegistryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
