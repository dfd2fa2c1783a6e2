package id.go.prakerja.verification.contact;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

import id.go.prakerja.events.verification.VerificationLayer;

public interface VerificationCodeRepository extends JpaRepository<VerificationCode, UUID> {

    Optional<VerificationCode> findFirstByParticipantIdAndLayerOrderByCreatedAtDesc(UUID participantId, VerificationLayer layer);

    long countByParticipantIdAndLayerAndCreatedAtAfter(UUID participantId, VerificationLayer layer, Instant after);
}
