package id.go.prakerja.registration.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

import jakarta.persistence.LockModeType;

public interface LoginCodeRepository extends JpaRepository<LoginCode, UUID> {

    Optional<LoginCode> findFirstByPhoneOrderByCreatedAtDesc(String phone);

    /**
     * The latest code, locked until the transaction ends: tries of one code take turns, so each
     * reads the count and the used mark the one before it wrote.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<LoginCode> findFirstForUpdateByPhoneOrderByCreatedAtDesc(String phone);

    long countByPhoneAndCreatedAtAfter(String phone, Instant since);
}
