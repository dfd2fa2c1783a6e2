package id.go.prakerja.registration.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One SMS login code: only its keyed hash is kept; it expires, and wrong guesses are counted. */
@Entity
@Table(name = "login_code")
public class LoginCode {

    @Id
    private UUID id;
    private String phone;
    private String codeHash;
    private Instant createdAt;
    private Instant expiresAt;
    private int attempts;
    private Instant usedAt;

    protected LoginCode() {
    }

    LoginCode(UUID id, String phone, String codeHash, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.phone = phone;
        this.codeHash = codeHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /**
     * Counts one try; true when the code is right, unused and unexpired, and the limit was not
     * reached before it. A code already used, expired or out of tries is not counted again, so
     * the count never passes the limit. The caller holds the row lock (tries take turns).
     */
    boolean attempt(String givenHash, Instant now, int maxAttempts) {
        if (usedAt != null || !now.isBefore(expiresAt) || attempts >= maxAttempts) {
            return false;
        }
        attempts++;
        boolean right = java.security.MessageDigest.isEqual(codeHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                givenHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (right) {
            usedAt = now;
        }
        return right;
    }

    UUID id() { return id; }
    Instant createdAt() { return createdAt; }
}
