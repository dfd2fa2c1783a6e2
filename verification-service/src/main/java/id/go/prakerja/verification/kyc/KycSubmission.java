package id.go.prakerja.verification.kyc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.support.image.ImageCheck;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.verification.VerificationProperties;
import id.go.prakerja.verification.verificationcase.Cases;
import id.go.prakerja.verification.verificationcase.VerificationCase;

/** The participant hands in a KTP photo and a selfie; the face match is then due. */
@Service
public class KycSubmission {

    private static final Logger log = LoggerFactory.getLogger(KycSubmission.class);

    private final Cases cases;
    private final KycEvidence evidence;
    private final VerificationProperties settings;
    private final Clock clock;

    public KycSubmission(Cases cases, KycEvidence evidence, VerificationProperties settings, Clock clock) {
        this.cases = cases;
        this.evidence = evidence;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public VerificationCase submit(UUID participantId, byte[] ktpPhoto, byte[] selfie) {
        long maxBytes = settings.kyc().maxImageSize().toBytes();
        List<ProblemException.FieldProblem> problems = new ArrayList<>();
        ImageCheck.problem(ktpPhoto, maxBytes).ifPresent(code ->
                problems.add(new ProblemException.FieldProblem("ktpPhoto", code, maxBytes / 1024)));
        ImageCheck.problem(selfie, maxBytes).ifPresent(code ->
                problems.add(new ProblemException.FieldProblem("selfie", code, maxBytes / 1024)));
        if (!problems.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", problems);
        }
        VerificationCase c = cases.lockedForParticipant(participantId);
        if (!c.awaitsParticipant(VerificationLayer.KYC)) {
            throw new ProblemException(HttpStatus.CONFLICT, "LAYER_NOT_CURRENT", VerificationLayer.KYC);
        }
        Instant now = clock.instant();
        int attempt = c.progress(VerificationLayer.KYC).attempts() + 1;
        evidence.store(participantId, attempt, ktpPhoto, ImageCheck.type(ktpPhoto).orElseThrow().mediaType(), selfie,
                ImageCheck.type(selfie).orElseThrow().mediaType(), now);
        c.evidenceSubmitted(now);
        log.info("KYC attempt {} of {} submitted ({} + {} bytes)", attempt, participantId, ktpPhoto.length, selfie.length);
        return c;
    }
}
