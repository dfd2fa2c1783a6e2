package id.go.prakerja.verification.review;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.verification.verificationcase.CaseDecisions;
import id.go.prakerja.verification.verificationcase.Cases;
import id.go.prakerja.verification.verificationcase.VerificationCase;

/**
 * Operators work the review queue: approving passes the layer in review (and the case goes on to
 * the next); rejecting ends the participant's verification. A case still in progress may be
 * rejected too (fraud found by other means); a verified or rejected case is final.
 */
@Service
public class ReviewDecisions {

    private final Cases cases;
    private final CaseDecisions decisions;

    public ReviewDecisions(Cases cases, CaseDecisions decisions) {
        this.cases = cases;
        this.decisions = decisions;
    }

    @Transactional
    public VerificationCase approve(UUID participantId, String operator, String note) {
        VerificationCase c = cases.lockedForParticipant(participantId);
        if (c.status() != VerificationCase.Status.IN_REVIEW) {
            throw new ProblemException(HttpStatus.CONFLICT, "CASE_NOT_IN_REVIEW", c.status());
        }
        decisions.approved(c, operator, note);
        return c;
    }

    @Transactional
    public VerificationCase reject(UUID participantId, String reasonCode, String operator, String note) {
        VerificationCase c = cases.lockedForParticipant(participantId);
        if (c.status() == VerificationCase.Status.VERIFIED || c.status() == VerificationCase.Status.REJECTED) {
            throw new ProblemException(HttpStatus.CONFLICT, "CASE_CLOSED", c.status());
        }
        decisions.rejected(c, reasonCode, operator, note);
        return c;
    }
}
