package id.go.prakerja.simulators.face;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulator;
import id.go.prakerja.simulators.http.Auth;
import id.go.prakerja.simulators.http.JsonFields;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A face-match (KYC) provider comparing the KTP photo with a selfie. Deterministic, so tests can
 * steer it: identical images score 99 (MATCH); a selfie whose first 64 bytes hold {@code NOMATCH}
 * (at the start, or in a JPEG comment right after the header, so the file is still a JPEG) scores
 * 10 (NO_MATCH), one holding {@code UNSURE} scores 70 (UNDECIDED); any other pair
 * gets a score derived from a hash of both images: mostly a match, sometimes undecided, now and
 * then a clear mismatch, like real traffic.
 *
 * <p>Endpoint: {@code POST /face/v1/match} (bearer API key).
 */
public final class FaceMatchSimulator extends Simulator {

    public static final String MATCH_PATH = "/face/v1/match";
    public static final int MATCH_THRESHOLD = 80;
    public static final int UNDECIDED_THRESHOLD = 60;
    public static final int MAX_IMAGE_BYTES = 4 * 1024 * 1024;

    private static final byte[] NOMATCH = "NOMATCH".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNSURE = "UNSURE".getBytes(StandardCharsets.US_ASCII);
    private static final int MARKER_WINDOW = 64;

    private final String apiKey;

    public FaceMatchSimulator(String apiKey) {
        super(Party.FACE_MATCH);
        this.apiKey = apiKey;
    }

    public enum Decision {
        MATCH, NO_MATCH, UNDECIDED
    }

    public record MatchResult(String requestId, int score, Decision decision) {
    }

    /** The scoring itself, also callable in-process. */
    public static int score(byte[] ktpImage, byte[] selfieImage) {
        if (marked(selfieImage, NOMATCH)) {
            return 10;
        }
        if (marked(selfieImage, UNSURE)) {
            return 70;
        }
        if (Arrays.equals(ktpImage, selfieImage)) {
            return 99;
        }
        byte[] h = sha256(ktpImage, selfieImage);
        int bucket = (h[0] & 0xff) % 100;
        int spread = h[1] & 0xff;
        if (bucket < 85) {
            return MATCH_THRESHOLD + spread % 19;          // 80..98
        } else if (bucket < 95) {
            return UNDECIDED_THRESHOLD + spread % 20;      // 60..79
        }
        return 20 + spread % 40;                           // 20..59
    }

    public static Decision decision(int score) {
        if (score >= MATCH_THRESHOLD) {
            return Decision.MATCH;
        }
        return score >= UNDECIDED_THRESHOLD ? Decision.UNDECIDED : Decision.NO_MATCH;
    }

    @Override
    protected void registerRoutes(Router router) {
        router.party("POST", MATCH_PATH, this::match);
    }

    @Override
    protected void resetState() {
        // stateless: nothing to forget
    }

    private SimResponse match(SimRequest request) {
        Auth.requireBearer(request, apiKey);
        JsonFields f = request.fields();
        String requestId = f.requiredText("requestId", 64);
        byte[] ktp = image(f, "ktpImage");
        byte[] selfie = image(f, "selfieImage");
        f.throwIfInvalid();
        int score = score(ktp, selfie);
        return SimResponse.json(200, new MatchResult(requestId, score, decision(score)));
    }

    /** Base64 (standard or URL-safe, optionally as a data URI) decoded and size-checked. */
    private static byte[] image(JsonFields f, String field) {
        String text = f.requiredText(field);
        if (text == null) {
            return null;
        }
        int comma = text.indexOf(',');
        if (text.startsWith("data:") && comma > 0) {
            text = text.substring(comma + 1);
        }
        byte[] bytes;
        try {
            String compact = text.replaceAll("\\s", "");
            bytes = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(compact)
                    : Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            f.reject(field, "must be a base64-encoded image");
            return null;
        }
        if (bytes.length == 0) {
            f.reject(field, "must not be empty");
            return null;
        }
        if (bytes.length > MAX_IMAGE_BYTES) {
            f.reject(field, "must be at most " + MAX_IMAGE_BYTES + " bytes");
            return null;
        }
        return bytes;
    }

    private static boolean marked(byte[] data, byte[] marker) {
        int last = Math.min(data.length, MARKER_WINDOW) - marker.length;
        for (int i = 0; i <= last; i++) {
            if (Arrays.equals(data, i, i + marker.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sha256(byte[] a, byte[] b) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(a);
            digest.update((byte) 0); // keeps ("ab","c") and ("a","bc") apart
            digest.update(b);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
