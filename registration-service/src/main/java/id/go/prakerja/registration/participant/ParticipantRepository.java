package id.go.prakerja.registration.participant;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ParticipantRepository extends JpaRepository<Participant, UUID> {

    boolean existsByNikHash(String nikHash);

    boolean existsByEmail(String email);

    boolean existsByPhone(String phone);

    Optional<Participant> findByPhone(String phone);

    long countByKkHash(String kkHash);
}
