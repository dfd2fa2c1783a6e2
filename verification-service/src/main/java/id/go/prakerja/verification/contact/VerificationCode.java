package id.go.prakerja.verification.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.verification.VerificationLayer;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/** One code sent to confirm an e-mail address or phone number; only its keyed hash is kept. */
@Entity
public class VerificationCode {

    /** What one entry of a code came to; {@code EXHAUSTED}: wrong, and it was the last try of this code. */
    public enum Entry {
        RIGHT, WRONG, EXHAUSTED, EXPIRED, USED_UP
    }

    @Id
    private UUID id;
    private UUID participantId;
    @Enumerated(EnumType.STRING)
    private VerificationLayer layer;
    private String destination;
    private String codeHash;
    private Instant createdAt;
    private Instant expiresAt;
    private int entries;
    private Instant usedAt;

    protected VerificationCode() {
    }

    VerificationCode(UUID id, UUID participantId, VerificationLayer layer, String destination, String codeHash,
            Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.participantId = participantId;
        this.layer = layer;
        this.destination = destination;
        this.codeHash = codeHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Counts one entry of a code against this one. */
    Entry enter(String givenHash, String currentDestination, Instant now, int maxEntries) {
        if (usedAt != null || entries >= maxEntries) {
            return Entry.USED_UP;
        }
        if (!now.isBefore(expiresAt) || !destination.equals(currentDestination)) {
            return Entry.EXPIRED;
        }
        entries++;
        if (MessageDigest.isEqual(codeHash.getBytes(StandardCharsets.US_ASCII), givenHash.getBytes(StandardCharsets.US_ASCII))) {
            usedAt = now;
            return Entry.RIGHT;
        }
        return entries >= maxEntries ? Entry.EXHAUSTED : Entry.WRONG;
    }

    int entriesLeft(int maxEntries) {
        return Math.max(maxEntries - entries, 0);
    }

    UUID id() { return id; }
    String destination() { return destination; }
    Instant createdAt() { return createdAt; }
}
