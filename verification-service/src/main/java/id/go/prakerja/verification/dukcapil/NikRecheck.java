package id.go.prakerja.verification.dukcapil;

import java.time.Clock;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.verification.verificationcase.Cases;
import id.go.prakerja.verification.verificationcase.LayerStatus;
import id.go.prakerja.verification.verificationcase.VerificationCase;

/**
 * A participant whose NIK check failed asks for another (after their record at Dukcapil was
 * corrected, say), within the layer's attempts.
 */
@Service
public class NikRecheck {

    private final Cases cases;
    private final Clock clock;

    public NikRecheck(Cases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @Transactional
    public VerificationCase request(UUID participantId) {
        VerificationCase c = cases.lockedForParticipant(participantId);
        if (!c.awaitsParticipant(VerificationLayer.NIK) || c.progress(VerificationLayer.NIK).status() != LayerStatus.FAILED) {
            throw new ProblemException(HttpStatus.CONFLICT, "LAYER_NOT_CURRENT", VerificationLayer.NIK);
        }
        c.retry(VerificationLayer.NIK, clock.instant());
        return c;
    }
}
