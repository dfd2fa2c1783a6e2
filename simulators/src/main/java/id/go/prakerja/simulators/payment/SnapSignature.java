package id.go.prakerja.simulators.payment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The signatures of Bank Indonesia's SNAP, as the simulated partners check them.
 *
 * <ul>
 *   <li>Service calls: {@code X-SIGNATURE = Base64(HMAC-SHA512(clientSecret,
 *       METHOD + ":" + relativeUrl + ":" + accessToken + ":" + lowercase-hex(SHA-256(minified body)) + ":" + X-TIMESTAMP))}.</li>
 *   <li>Access token: {@code X-SIGNATURE = Base64(SHA256withRSA(client's private key, clientId + "|" + X-TIMESTAMP))};
 *       the partner holds the client's public key.</li>
 *   <li>Callbacks the partner sends: the service-call scheme with an empty access token.</li>
 * </ul>
 *
 * <p>Public so that tests (here and in services) can produce exactly what a partner expects.
 */
public final class SnapSignature {

    /** SNAP's timestamp shape, in Jakarta time: {@code 2020-04-22T10:15:30+07:00}. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    public static final ZoneOffset WIB = ZoneOffset.ofHours(7);

    private SnapSignature() {
    }

    /** The last second formatted: thousands of answers a second carry the same one. */
    private record Stamp(long epochSecond, String text) {
    }

    private static volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");

    public static String timestamp(Instant instant) {
        Stamp last = lastStamp;
        if (last.epochSecond() == instant.getEpochSecond()) {
            return last.text();
        }
        String text = instant.truncatedTo(ChronoUnit.SECONDS).atOffset(WIB).format(TIMESTAMP);
        lastStamp = new Stamp(instant.getEpochSecond(), text);
        return text;
    }

    /** Parsed request timestamps, the last one kept: a client sends the same one for a whole second of calls. */
    private record Parsed(String text, Instant at) {
    }

    private static volatile Parsed lastParsed = new Parsed("", Instant.EPOCH);

    /** An {@code X-TIMESTAMP} as an instant; throws {@link java.time.format.DateTimeParseException} if malformed. */
    public static Instant parseTimestamp(String text) {
        Parsed last = lastParsed;
        if (last.text().equals(text)) {
            return last.at();
        }
        Instant at = java.time.OffsetDateTime.parse(text).toInstant();
        lastParsed = new Parsed(text, at);
        return at;
    }

    public static String timestampNow() {
        return timestamp(Instant.now());
    }

    public static String stringToSign(String method, String relativeUrl, String accessToken, String body, String timestamp) {
        return method.toUpperCase(java.util.Locale.ROOT) + ":" + relativeUrl + ":" + (accessToken == null ? "" : accessToken)
                + ":" + sha256Hex(minify(body == null ? "" : body)) + ":" + timestamp;
    }

    public static String sign(String clientSecret, String method, String relativeUrl, String accessToken,
                              String body, String timestamp) {
        return hmacSha512Base64(clientSecret, stringToSign(method, relativeUrl, accessToken, body, timestamp));
    }

    /** What a client sends to get a B2B access token. */
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

    /** Whether an access-token request was signed with the private key of {@code clientKey}. */
    public static boolean verifyAccessToken(PublicKey clientKey, String clientId, String timestamp, String signature) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(clientKey);
            rsa.update((clientId + "|" + timestamp).getBytes(StandardCharsets.UTF_8));
            return rsa.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** A PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) of an RSA key. */
    public static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    /** A PEM {@code PRIVATE KEY} (PKCS#8) of an RSA key. */
    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key", e);
        }
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    /** Constant-time comparison of a received signature with the expected one. */
    public static boolean matches(String expected, String received) {
        return received != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), received.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Removes whitespace outside string literals, so that pretty-printed and compact JSON sign the
     * same. Deliberately not a parse-and-reserialise: that could reorder or reformat numbers and
     * break signatures that the sender computed over its own bytes.
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
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /*
     * Looking up a provider and keying a MAC for every call cost more than the hashing itself at
     * thousands of calls a second: a keyed prototype per secret (and one digest) is cloned instead.
     */
    private static final MessageDigest SHA_256_PROTOTYPE = newSha256();
    private static final java.util.concurrent.ConcurrentHashMap<String, Mac> HMAC_PROTOTYPES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static Mac newHmac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmacSha512Base64(String secret, String data) {
        Mac prototype = HMAC_PROTOTYPES.size() < 64 ? HMAC_PROTOTYPES.computeIfAbsent(secret, SnapSignature::newHmac)
                : HMAC_PROTOTYPES.get(secret);
        Mac mac;
        try {
            mac = prototype == null ? newHmac(secret) : (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            mac = newHmac(secret);
        }
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
