package id.go.prakerja.support.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field-level protection of NIK and KK numbers and KYC images: AES-256-GCM for values, HMAC-SHA256
 * for blind indexes (equality search without decrypting).
 *
 * <p>Every value names the key that sealed it, so several keys can be configured at once (new
 * values under the current one, every one opening) and a job can find and re-seal values under an
 * older key. The associated data binds a value to its purpose (at rest or transport), its key id
 * and its {@link SealContext} (table, column, row), so a value moved anywhere else fails to open.
 * <ul>
 * <li>text: {@code v2:<key id>:<base64(iv || ciphertext+tag)>}</li>
 * <li>bytes: {@code "PKS" 0x02 || key id (2 bytes, big-endian) || iv || ciphertext+tag}</li>
 * </ul>
 * Values sealed before key ids ({@code v1:<base64>}, and bare {@code iv || ciphertext+tag} for
 * bytes, bound to the purpose only) still open with any configured key while
 * {@code prakerja.crypto.open-legacy-format} is true; the re-encryption job replaces them.
 */
public final class PersonalDataCrypto {

    private static final String LEGACY_PREFIX = "v1:";
    private static final String PREFIX = "v2:";
    private static final byte[] MAGIC = {'P', 'K', 'S', 2};
    private static final int BYTES_HEADER = MAGIC.length + 2;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final String AT_REST = "at-rest";
    private static final String TRANSPORT = "transport";

    private final KeyRing fieldKeys;
    private final KeyRing transportKeys;
    private final SecretKey blindIndexKey;
    private final boolean openLegacyFormat;
    private final SecureRandom random = new SecureRandom();
    // Cipher and Mac look-ups go through the provider list every time; registration seals four
    // values and hashes two per request, so each thread keeps its own instances
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private final ThreadLocal<Mac> blindIndexMac;

    public PersonalDataCrypto(CryptoProperties properties) {
        this.fieldKeys = KeyRing.of("prakerja.crypto.field-key", properties.fieldKey(), properties.fieldKeys(),
                properties.fieldKeyId());
        this.transportKeys = KeyRing.of("prakerja.crypto.transport-key", properties.transportKey(),
                properties.transportKeys(), properties.transportKeyId());
        this.blindIndexKey = hmacKey(properties.blindIndexKey());
        this.openLegacyFormat = properties.openLegacyFormat();
        this.blindIndexMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(requireBlindIndexKey());
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // ---- at rest ------------------------------------------------------------------------------

    public String encryptAtRest(String plain, SealContext where) {
        return sealText(fieldKeys, AT_REST, where, plain);
    }

    public String decryptAtRest(String sealed, SealContext where) {
        return openText(fieldKeys, AT_REST, where, sealed);
    }

    /** Seals bytes (a KTP photo, a selfie) with the current field key. */
    public byte[] encryptBytesAtRest(byte[] plain, SealContext where) {
        int keyId = fieldKeys.currentId();
        byte[] body = seal(fieldKeys.current(), aad(AT_REST, keyId, where), plain);
        return ByteBuffer.allocate(BYTES_HEADER + body.length).put(MAGIC).putShort((short) keyId).put(body).array();
    }

    public byte[] decryptBytesAtRest(byte[] sealed, SealContext where) {
        if (hasBytesHeader(sealed)) {
            int keyId = Short.toUnsignedInt(ByteBuffer.wrap(sealed, MAGIC.length, 2).getShort());
            SecretKey key = fieldKeys.byId(keyId);
            if (key != null) {
                try {
                    return open(key, aad(AT_REST, keyId, where), sealed, BYTES_HEADER);
                } catch (IllegalArgumentException e) {
                    // a legacy value whose random IV happens to begin like the header (one in 2^32)
                    // is tried below; anything else fails there too
                    if (!openLegacyFormat) {
                        throw e;
                    }
                }
            }
        }
        return openLegacy(fieldKeys, AT_REST, sealed);
    }

    /** True when the value is sealed in the current format under the current field key: nothing to re-seal. */
    public boolean isUnderCurrentFieldKey(String sealed) {
        return sealed != null && sealed.startsWith(PREFIX + fieldKeys.currentId() + ":");
    }

    public boolean isUnderCurrentFieldKey(byte[] sealed) {
        return hasBytesHeader(sealed)
                && Short.toUnsignedInt(ByteBuffer.wrap(sealed, MAGIC.length, 2).getShort()) == fieldKeys.currentId();
    }

    /** The value opened and sealed again under the current field key, or itself when it already is. */
    public String resealAtRest(String sealed, SealContext where) {
        return isUnderCurrentFieldKey(sealed) ? sealed : encryptAtRest(decryptAtRest(sealed, where), where);
    }

    public byte[] resealBytesAtRest(byte[] sealed, SealContext where) {
        return isUnderCurrentFieldKey(sealed) ? sealed : encryptBytesAtRest(decryptBytesAtRest(sealed, where), where);
    }

    public int currentFieldKeyId() {
        return fieldKeys.currentId();
    }

    // ---- on the wire --------------------------------------------------------------------------

    public String encryptForTransport(String plain, SealContext where) {
        return sealText(transportKeys, TRANSPORT, where, plain);
    }

    public String decryptFromTransport(String sealed, SealContext where) {
        return openText(transportKeys, TRANSPORT, where, sealed);
    }

    // ---- blind index --------------------------------------------------------------------------

    /**
     * Keyed hash for lookups and uniqueness; equal inputs give equal indexes. Its key is not a
     * field key: rotating field keys leaves every index as it is.
     */
    public String blindIndex(String plain) {
        requireBlindIndexKey();
        return HexFormat.of().formatHex(blindIndexMac.get().doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- the formats --------------------------------------------------------------------------

    private String sealText(KeyRing keys, String purpose, SealContext where, String plain) {
        int keyId = keys.currentId();
        byte[] body = seal(keys.current(), aad(purpose, keyId, where), plain.getBytes(StandardCharsets.UTF_8));
        return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(body);
    }

    private String openText(KeyRing keys, String purpose, SealContext where, String sealed) {
        if (sealed != null && sealed.startsWith(PREFIX)) {
            int colon = sealed.indexOf(':', PREFIX.length());
            int keyId = colon < 0 ? -1 : parseKeyId(sealed.substring(PREFIX.length(), colon));
            SecretKey key = keyId < 0 ? null : keys.byId(keyId);
            if (key == null) {
                throw cannotOpen(null);
            }
            byte[] body = base64(sealed.substring(colon + 1));
            return new String(open(key, aad(purpose, keyId, where), body, 0), StandardCharsets.UTF_8);
        }
        if (sealed != null && sealed.startsWith(LEGACY_PREFIX)) {
            byte[] body = base64(sealed.substring(LEGACY_PREFIX.length()));
            return new String(openLegacy(keys, purpose, body), StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("not a sealed value");
    }

    /** Before key ids: purpose-only associated data and no key named, so every configured key is tried. */
    private byte[] openLegacy(KeyRing keys, String purpose, byte[] body) {
        if (!openLegacyFormat) {
            throw new IllegalArgumentException("values sealed before key ids are refused (prakerja.crypto.open-legacy-format=false)");
        }
        byte[] aad = purpose.getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException last = null;
        for (SecretKey key : keys.all()) {
            try {
                return open(key, aad, body, 0);
            } catch (IllegalArgumentException e) {
                last = e;
            }
        }
        throw cannotOpen(last);
    }

    /**
     * Length-prefixed, so no two different contexts give the same bytes (a row "a/b" in column
     * "c" is not row "b" in column "a/c").
     */
    private static byte[] aad(String purpose, int keyId, SealContext where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        for (String part : new String[] {"prakerja-sealed-v2", purpose, Integer.toString(keyId), where.place(),
                where.field(), where.row()}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private byte[] seal(SecretKey key, byte[] aad, byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Opens {@code iv || ciphertext+tag} starting at {@code offset}. */
    private static byte[] open(SecretKey key, byte[] aad, byte[] bytes, int offset) {
        if (bytes == null || bytes.length - offset < IV_BYTES + TAG_BYTES) {
            throw cannotOpen(null);
        }
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, offset, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(bytes, offset + IV_BYTES, bytes.length - offset - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw cannotOpen(e);
        }
    }

    private static boolean hasBytesHeader(byte[] sealed) {
        return sealed != null && sealed.length >= BYTES_HEADER + IV_BYTES + TAG_BYTES
                && Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static int parseKeyId(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw cannotOpen(e);
        }
    }

    // never the value nor the key in the message: it may reach a log
    private static IllegalArgumentException cannotOpen(Exception cause) {
        return new IllegalArgumentException("sealed value cannot be opened with the configured keys here", cause);
    }

    private static SecretKey hmacKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length != 32) {
            throw new IllegalArgumentException("prakerja.crypto.blind-index-key must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private SecretKey requireBlindIndexKey() {
        if (blindIndexKey == null) {
            throw new IllegalStateException("prakerja.crypto.blind-index-key is not configured for this service");
        }
        return blindIndexKey;
    }

    /** {@code 3174********0001}: what logs and operator views show of a NIK or KK number. */
    public static String mask(String number) {
        if (number == null || number.length() < 8) {
            return "****";
        }
        return number.substring(0, 4) + "*".repeat(number.length() - 8) + number.substring(number.length() - 4);
    }
}
