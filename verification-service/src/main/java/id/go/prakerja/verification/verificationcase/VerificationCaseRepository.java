package id.go.prakerja.verification.verificationcase;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

public interface VerificationCaseRepository extends JpaRepository<VerificationCase, UUID> {

    Page<VerificationCase> findByStatus(VerificationCase.Status status, Pageable pageable);

    /** Which of these participants have a case. */
    @Query("select c.participantId from VerificationCase c where c.participantId in :participantIds")
    List<UUID> findOpen(Collection<UUID> participantIds);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from VerificationCase c where c.participantId = :participantId")
    Optional<VerificationCase> findForUpdate(UUID participantId);
}
