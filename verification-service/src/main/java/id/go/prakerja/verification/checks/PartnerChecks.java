package id.go.prakerja.verification.checks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.verification.SealedApplicantData;
import id.go.prakerja.verification.VerificationProperties;
import id.go.prakerja.verification.dukcapil.CivilRegistry;
import id.go.prakerja.verification.dukcapil.IdentityMatch;
import id.go.prakerja.verification.kyc.FaceDecision;
import id.go.prakerja.verification.kyc.FaceMatch;
import id.go.prakerja.verification.kyc.KycEvidence;
import id.go.prakerja.verification.verificationcase.CaseDecisions;
import id.go.prakerja.verification.verificationcase.LayerStatus;
import id.go.prakerja.verification.verificationcase.VerificationCase;
import id.go.prakerja.verification.verificationcase.VerificationCaseRepository;
import jakarta.annotation.PreDestroy;

/**
 * Asks the outside parties about the cases whose check is due: Dukcapil for the NIK layer, the
 * face-match provider for KYC. Each poll claims a batch of due cases with {@code FOR UPDATE SKIP
 * LOCKED} and moves their due time one lease ahead, so several instances share the work and a
 * check whose instance died runs again after the lease. The partner is called outside any
 * transaction; its answer is applied under the case's lock, only if the case still waits for it.
 * When a partner is unavailable, the case waits (longer each time) and nobody fails.
 */
@Component
public class PartnerChecks {

    private static final Logger log = LoggerFactory.getLogger(PartnerChecks.class);

    private final JdbcTemplate jdbc;
    private final VerificationCaseRepository cases;
    private final CaseDecisions decisions;
    private final CivilRegistry civilRegistry;
    private final FaceMatch faceMatch;
    private final KycEvidence evidence;
    private final PersonalDataCrypto crypto;
    private final VerificationProperties settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ExecutorService calls;

    public PartnerChecks(JdbcTemplate jdbc, VerificationCaseRepository cases, CaseDecisions decisions,
            CivilRegistry civilRegistry, FaceMatch faceMatch, KycEvidence evidence, PersonalDataCrypto crypto,
            VerificationProperties settings, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.decisions = decisions;
        this.civilRegistry = civilRegistry;
        this.faceMatch = faceMatch;
        this.evidence = evidence;
        this.crypto = crypto;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
        this.calls = Executors.newFixedThreadPool(Math.max(settings.checks().concurrency(), 1),
                Thread.ofPlatform().name("partner-check-", 0).daemon().factory());
    }

    @Scheduled(fixedDelayString = "${prakerja.verification.checks.poll-interval:500ms}", scheduler = PlatformSchedulers.WORKERS)
    public void runDueChecks() {
        List<UUID> due;
        do {
            due = claim();
            List<CompletableFuture<Void>> running = due.stream()
                    .map(id -> CompletableFuture.runAsync(() -> check(id), calls)).toList();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } while (due.size() == settings.checks().batchSize());
    }

    List<UUID> claim() {
        Instant now = clock.instant();
        return jdbc.queryForList("""
                update verification_case set check_due_at = ?, version = version + 1
                where participant_id in (
                    select participant_id from verification_case
                    where check_due_at <= ? and status = 'IN_PROGRESS'
                    order by check_due_at limit ? for update skip locked)
                returning participant_id""", UUID.class,
                Timestamp.from(now.plus(settings.checks().lease())), Timestamp.from(now), settings.checks().batchSize());
    }

    void check(UUID participantId) {
        try {
            VerificationCase c = cases.findById(participantId).orElse(null);
            if (c == null || c.status() != VerificationCase.Status.IN_PROGRESS || c.currentLayer() == null) {
                return;
            }
            VerificationLayer layer = c.currentLayer();
            if (c.progress(layer).status() != LayerStatus.PENDING) {
                return;
            }
            switch (layer) {
                case NIK -> checkIdentity(c);
                case KYC -> checkFace(c);
                default -> apply(participantId, layer, VerificationCase::clearCheck);
            }
        } catch (RuntimeException e) {
            // the lease runs out and the check is due again
            log.error("check of {} failed unexpectedly; it runs again after the lease", participantId, e);
        }
    }

    private void checkIdentity(VerificationCase c) {
        int threshold = settings.nik().matchThreshold();
        var query = new CivilRegistry.IdentityQuery("nik-" + c.participantId() + "-"
                + (c.progress(VerificationLayer.NIK).attempts() + 1), crypto.decryptAtRest(c.nikSealed(),
                SealedApplicantData.nik(c.participantId())), crypto.decryptAtRest(c.kkSealed(),
                SealedApplicantData.kk(c.participantId())), c.fullName(), c.birthPlace(), c.birthDate(), threshold);
        IdentityMatch.Outcome outcome;
        try {
            outcome = IdentityMatch.decide(civilRegistry.verify(query), threshold);
        } catch (CivilRegistry.CivilRegistryUnavailable e) {
            waitFor(c.participantId(), VerificationLayer.NIK, "DUKCAPIL_UNAVAILABLE", e);
            return;
        }
        apply(c.participantId(), VerificationLayer.NIK, locked -> {
            if (outcome.passed()) {
                decisions.passed(locked, VerificationLayer.NIK, outcome.detail());
            } else {
                decisions.failed(locked, VerificationLayer.NIK, outcome.reasonCode().orElseThrow(), outcome.detail());
            }
        });
    }

    private void checkFace(VerificationCase c) {
        var images = evidence.latest(c.participantId()).orElse(null);
        if (images == null) {
            apply(c.participantId(), VerificationLayer.KYC, VerificationCase::clearCheck); // nothing to compare yet
            return;
        }
        int score;
        try {
            score = faceMatch.score("kyc-" + c.participantId() + "-" + images.attempt(), images.ktpPhoto(), images.selfie());
        } catch (FaceMatch.FaceMatchUnavailable e) {
            waitFor(c.participantId(), VerificationLayer.KYC, "FACE_MATCH_UNAVAILABLE", e);
            return;
        }
        String detail = "face-match score " + score;
        apply(c.participantId(), VerificationLayer.KYC, locked -> {
            switch (FaceDecision.of(score, settings.kyc().passScore(), settings.kyc().reviewScore())) {
                case MATCH -> decisions.passed(locked, VerificationLayer.KYC, detail);
                case UNDECIDED -> decisions.review(locked, VerificationLayer.KYC, "FACE_UNDECIDED", detail);
                case NO_MATCH -> decisions.failed(locked, VerificationLayer.KYC, "FACE_MISMATCH", detail);
            }
        });
    }

    private void waitFor(UUID participantId, VerificationLayer layer, String reasonCode, RuntimeException cause) {
        apply(participantId, layer, locked -> {
            var wait = settings.checks().waitAfter(locked.checkWaits() + 1);
            locked.partnerUnavailable(reasonCode, wait, clock.instant());
            log.warn("{} check of {} waits {} s: {} ({})", layer, participantId, wait.toSeconds(), reasonCode,
                    cause.getMessage());
        });
    }

    /** Runs the change under the case's lock if the case still waits for this layer's check. */
    private void apply(UUID participantId, VerificationLayer layer, Consumer<VerificationCase> change) {
        transactions.executeWithoutResult(tx -> cases.findForUpdate(participantId)
                .filter(c -> c.status() == VerificationCase.Status.IN_PROGRESS && c.currentLayer() == layer
                        && c.progress(layer).status() == LayerStatus.PENDING && c.checkDueAt() != null)
                .ifPresent(change));
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }
}
