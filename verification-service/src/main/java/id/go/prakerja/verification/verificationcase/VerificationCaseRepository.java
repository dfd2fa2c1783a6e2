package id.go.prakerja.verification.verificationcase;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface VerificationCaseRepository extends JpaRepository<VerificationCase, UUID> {

    Page<VerificationCase> findByStatus(VerificationCase.Status status, Pageable pageable);
}
