package id.go.prakerja.registration.wave;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface WaveRepository extends JpaRepository<Wave, Integer> {

    List<Wave> findByStatusAndOpensAtLessThanEqual(Wave.Status status, Instant now);

    List<Wave> findByStatusAndClosesAtLessThanEqual(Wave.Status status, Instant now);

    List<Wave> findByStatus(Wave.Status status);
}
