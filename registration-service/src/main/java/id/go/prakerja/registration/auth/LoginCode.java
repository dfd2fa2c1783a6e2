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

    /** Counts the attempt; true when the code is right, unused, unexpired and not over the attempt limit. */
    boolean attempt(String givenHash, Instant now, int maxAttempts) {
        attempts++;
        boolean ok = usedAt == null && now.isBefore(expiresAt) && attempts <= maxAttempts
                && java.security.MessageDigest.isEqual(codeHash.getBytes(), givenHash.getBytes());
        if (ok) {
            usedAt = now;
        }
        return ok;
    }

    UUID id() { return id; }
    Instant createdAt() { return createdAt; }
}
