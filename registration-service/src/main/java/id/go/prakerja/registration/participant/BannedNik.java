package id.go.prakerja.registration.participant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A NIK (by blind index) that may not register again: its holder was revoked for not buying a first training. */
@Entity
@Table(name = "banned_nik")
public class BannedNik {

    @Id
    private String nikHash;
    private UUID participantId;
    private String reason;
    private Instant bannedAt;

    protected BannedNik() {
    }

    public BannedNik(String nikHash, UUID participantId, String reason, Instant bannedAt) {
        this.nikHash = nikHash;
        this.participantId = participantId;
        this.reason = reason;
        this.bannedAt = bannedAt;
    }
}
