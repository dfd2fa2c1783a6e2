package id.go.prakerja.registration.participant;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ParticipantRepository extends JpaRepository<Participant, UUID> {

    boolean existsByEmail(String email);

    boolean existsByPhone(String phone);

    Optional<Participant> findByPhone(String phone);
}
