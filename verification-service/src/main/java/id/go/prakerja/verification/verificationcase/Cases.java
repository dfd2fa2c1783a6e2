package id.go.prakerja.verification.verificationcase;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.support.web.ProblemException;

/**
 * Cases as the participant's and the operator's requests find them: one case changes under one
 * lock at a time (a participant's request, an operator's decision, a partner's answer).
 */
@Component
public class Cases {

    private final VerificationCaseRepository repository;

    public Cases(VerificationCaseRepository repository) {
        this.repository = repository;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public VerificationCase lockedForParticipant(UUID participantId) {
        return repository.findForUpdate(participantId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "CASE_NOT_FOUND"));
    }

    public VerificationCase find(UUID participantId) {
        return repository.findById(participantId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "CASE_NOT_FOUND"));
    }
}
