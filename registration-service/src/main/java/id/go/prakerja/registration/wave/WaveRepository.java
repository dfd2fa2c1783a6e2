package id.go.prakerja.registration.wave;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

public interface WaveRepository extends JpaRepository<Wave, Integer> {

    List<Wave> findByStatusAndOpensAtLessThanEqual(Wave.Status status, Instant now);

    List<Wave> findByStatusAndClosesAtLessThanEqual(Wave.Status status, Instant now);

    List<Wave> findByStatus(Wave.Status status);

    /**
     * The wave, share-locked until the transaction ends. Joins hold it together; closing
     * updates the row, so it waits until the joins in flight have committed, and a join that
     * comes after the close reads the wave as closed.
     */
    @Lock(LockModeType.PESSIMISTIC_READ)
    @Query("select w from Wave w where w.number = :number")
    Optional<Wave> findForJoining(int number);
}
