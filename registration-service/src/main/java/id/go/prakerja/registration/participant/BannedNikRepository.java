package id.go.prakerja.registration.participant;

import org.springframework.data.jpa.repository.JpaRepository;

public interface BannedNikRepository extends JpaRepository<BannedNik, String> {
}
