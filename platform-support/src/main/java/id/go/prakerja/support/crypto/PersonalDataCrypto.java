package id.go.prakerja.support.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field-level protection of NIK and KK numbers: AES-256-GCM for values (random IV, the
 * purpose bound in as associated data so a value encrypted for transport cannot be
 * mistaken for one at rest), HMAC-SHA256 for blind indexes (equality search without
 * decrypting). Ciphertext format: {@code v1:<base64(iv || ciphertext+tag)>}.
 */
public final class PersonalDataCrypto {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AT_REST = "at-rest".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRANSPORT = "transport".getBytes(StandardCharsets.UTF_8);

    private final SecretKey fieldKey;
    private final SecretKey blindIndexKey;
    private final SecretKey transportKey;
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
        this.fieldKey = key(properties.fieldKey(), "AES", "prakerja.crypto.field-key");
        this.blindIndexKey = key(properties.blindIndexKey(), "HmacSHA256", "prakerja.crypto.blind-index-key");
        this.transportKey = key(properties.transportKey(), "AES", "prakerja.crypto.transport-key");
        this.blindIndexMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(require(blindIndexKey, "prakerja.crypto.blind-index-key"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public String encryptAtRest(String plain) {
        return encrypt(require(fieldKey, "prakerja.crypto.field-key"), AT_REST, plain);
    }

    public String decryptAtRest(String sealed) {
        return decrypt(require(fieldKey, "prakerja.crypto.field-key"), AT_REST, sealed);
    }

    public String encryptForTransport(String plain) {
        return encrypt(require(transportKey, "prakerja.crypto.transport-key"), TRANSPORT, plain);
    }

    public String decryptFromTransport(String sealed) {
        return decrypt(require(transportKey, "prakerja.crypto.transport-key"), TRANSPORT, sealed);
    }

    /** Keyed hash for lookups and uniqueness; equal inputs give equal indexes. */
    public String blindIndex(String plain) {
        require(blindIndexKey, "prakerja.crypto.blind-index-key");
        return HexFormat.of().formatHex(blindIndexMac.get().doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** Seals bytes (a KTP photo, a selfie) with the at-rest key: {@code iv || ciphertext+tag}. */
    public byte[] encryptBytesAtRest(byte[] plain) {
        return seal(require(fieldKey, "prakerja.crypto.field-key"), AT_REST, plain);
    }

    public byte[] decryptBytesAtRest(byte[] sealed) {
        return open(require(fieldKey, "prakerja.crypto.field-key"), AT_REST, sealed);
    }

    private String encrypt(SecretKey key, byte[] purpose, String plain) {
        return PREFIX + Base64.getEncoder().encodeToString(seal(key, purpose, plain.getBytes(StandardCharsets.UTF_8)));
    }

    private String decrypt(SecretKey key, byte[] purpose, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sealed value cannot be opened with this key", e);
        }
        return new String(open(key, purpose, bytes), StandardCharsets.UTF_8);
    }

    private byte[] seal(SecretKey key, byte[] purpose, byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] purpose, byte[] bytes) {
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(purpose);
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("sealed value cannot be opened with this key", e);
        }
    }

    private static SecretKey key(String base64, String algorithm, String property) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length != 32) {
            throw new IllegalArgumentException(property + " must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(bytes, algorithm);
    }

    private static SecretKey require(SecretKey key, String property) {
        if (key == null) {
            throw new IllegalStateException(property + " is not configured for this service");
        }
        return key;
    }

    /** {@code 3174********0001}: what logs and operator views show of a NIK or KK number. */
    public static String mask(String number) {
        if (number == null || number.length() < 8) {
            return "****";
        }
        return number.substring(0, 4) + "*".repeat(number.length() - 8) + number.substring(number.length() - 4);
    }
}
