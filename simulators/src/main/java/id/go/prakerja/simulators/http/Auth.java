package id.go.prakerja.simulators.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** API-key checks as the real parties do them: {@code Authorization: Bearer <key>}. */
public final class Auth {

    private Auth() {
    }

    public static Optional<String> bearerToken(SimRequest request) {
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** Ends the handler with 401 unless the request carries exactly {@code expectedKey}. */
    public static void requireBearer(SimRequest request, String expectedKey) {
        String token = bearerToken(request)
                .orElseThrow(() -> HttpFailure.unauthorized("Missing 'Authorization: Bearer <api key>' header"));
        if (!constantTimeEquals(token, expectedKey)) {
            throw HttpFailure.unauthorized("Unknown API key");
        }
    }

    /** Compares secrets without leaking, through timing, how many leading characters matched. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
