package id.go.prakerja.payment.snap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures of Bank Indonesia's SNAP (Standar Nasional Open API Pembayaran), as the platform
 * produces and checks them:
 * <ul>
 *   <li>B2B access token: {@code X-SIGNATURE = Base64(SHA256withRSA(client private key, clientId + "|" + X-TIMESTAMP))};</li>
 *   <li>service calls: {@code X-SIGNATURE = Base64(HMAC-SHA512(clientSecret,
 *       METHOD + ":" + relative URL + ":" + accessToken + ":" + lowercase hex(SHA-256(minified body)) + ":" + X-TIMESTAMP))};</li>
 *   <li>partner callbacks: the service-call scheme with an empty access token.</li>
 * </ul>
 */
public final class SnapSignatures {

    /** SNAP timestamps are Jakarta time to the second: {@code 2020-04-22T10:15:30+07:00}. */
    public static final ZoneOffset WIB = ZoneOffset.ofHours(7);
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private SnapSignatures() {
    }

    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atOffset(WIB).format(TIMESTAMP);
    }

    public static String stringToSign(String method, String relativeUrl, String accessToken, String body, String timestamp) {
        return method.toUpperCase(Locale.ROOT) + ":" + relativeUrl + ":" + (accessToken == null ? "" : accessToken) + ":"
                + sha256Hex(minify(body == null ? "" : body)) + ":" + timestamp;
    }

    public static String serviceSignature(String clientSecret, String method, String relativeUrl, String accessToken,
            String body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return Base64.getEncoder().encodeToString(mac.doFinal(
                    stringToSign(method, relativeUrl, accessToken, body, timestamp).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String accessTokenSignature(PrivateKey clientKey, String clientId, String timestamp) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(clientKey);
            rsa.update((clientId + "|" + timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of Base64 signatures, in any padding or surrounding whitespace. */
    public static boolean sameSignature(String expected, String received) {
        if (received == null) {
            return false;
        }
        try {
            return MessageDigest.isEqual(Base64.getDecoder().decode(expected), Base64.getDecoder().decode(received.trim()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) RSA key. */
    public static PrivateKey privateKey(String pem) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key", e);
        }
    }

    /**
     * JSON without whitespace outside string literals, so pretty-printed and compact bodies sign
     * the same; deliberately not a re-serialisation, which could reorder fields or reformat numbers.
     */
    public static String minify(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
