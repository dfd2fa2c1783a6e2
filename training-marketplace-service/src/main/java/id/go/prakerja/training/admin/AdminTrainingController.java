package id.go.prakerja.training.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.catalogue.CatalogueChanges;
import id.go.prakerja.training.catalogue.TrainingCatalogue;
import id.go.prakerja.training.ledger.Ledger;
import id.go.prakerja.training.purchase.PurchaseView;
import id.go.prakerja.training.purchase.Purchases;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Operators: trainings (approve, suspend, price), purchases and vouchers, completions waiting, evaluations, the books. */
@RestController
@RequestMapping("/admin/trainings")
public class AdminTrainingController {

    private static final List<String> TRAINING_STATUSES = List.of("PENDING_APPROVAL", "ACTIVE", "SUSPENDED");
    private static final List<String> PURCHASE_STATUSES = List.of("RESERVED", "REDEEMED", "IN_PROGRESS", "COMPLETED",
            "RECONCILED", "EXPIRED", "VOIDED");

    private final JdbcTemplate jdbc;
    private final TrainingCatalogue catalogue;
    private final Evaluations evaluations;
    private final Ledger ledger;
    private final CatalogueChanges catalogueChanges;
    private final ReconciliationMismatches mismatches;
    private final Clock clock;

    public AdminTrainingController(JdbcTemplate jdbc, TrainingCatalogue catalogue, Evaluations evaluations, Ledger ledger,
            CatalogueChanges catalogueChanges, ReconciliationMismatches mismatches, Clock clock) {
        this.mismatches = mismatches;
        this.catalogueChanges = catalogueChanges;
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.evaluations = evaluations;
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping
    public List<TrainingCatalogue.TrainingView> trainings(@RequestParam(required = false) @Size(max = 20) String status,
            @RequestParam(required = false) @Size(max = 40) String platform,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (status != null && !TRAINING_STATUSES.contains(status)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "INVALID_STATUS", status);
        }
        List<String> ids = jdbc.queryForList("""
                select id from training where (?::text is null or status = ?) and (?::text is null or platform_code = upper(?))
                 order by published_at desc, id limit ? offset ?""", String.class, status, status, platform, platform, size,
                (long) page * size);
        return ids.stream().map(id -> catalogue.any(id).orElseThrow()).toList();
    }

    @PostMapping("/{trainingId}/approve")
    public TrainingCatalogue.TrainingView approve(@PathVariable @Size(max = 100) String trainingId) {
        return setStatus(trainingId, "ACTIVE");
    }

    @PostMapping("/{trainingId}/suspend")
    public TrainingCatalogue.TrainingView suspend(@PathVariable @Size(max = 100) String trainingId) {
        return setStatus(trainingId, "SUSPENDED");
    }

    public record PriceChange(@NotNull @Min(1) @Max(100_000_000) Long price) {
    }

    /** The new price applies to purchases from now on; purchases made keep the price they were made at. */
    @PutMapping("/{trainingId}/price")
    public TrainingCatalogue.TrainingView price(@PathVariable @Size(max = 100) String trainingId,
            @Valid @RequestBody PriceChange change) {
        if (jdbc.update("update training set price = ?, updated_at = ? where id = ?", change.price(),
                Timestamp.from(clock.instant()), trainingId) == 0) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "TRAINING_NOT_FOUND", trainingId);
        }
        catalogueChanges.changed();
        return catalogue.any(trainingId).orElseThrow();
    }

    private TrainingCatalogue.TrainingView setStatus(String trainingId, String status) {
        if (jdbc.update("update training set status = ?, updated_at = ? where id = ?", status,
                Timestamp.from(clock.instant()), trainingId) == 0) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "TRAINING_NOT_FOUND", trainingId);
        }
        catalogueChanges.changed();
        return catalogue.any(trainingId).orElseThrow();
    }

    @GetMapping("/purchases")
    public List<PurchaseView> purchases(@RequestParam(required = false) @Size(max = 20) String status,
            @RequestParam(required = false) UUID participantId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (status != null && !PURCHASE_STATUSES.contains(status)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "INVALID_STATUS", status);
        }
        return jdbc.query(purchasesSql() + " where (?::text is null or pu.status = ?) and (?::uuid is null or pu.participant_id = ?)"
                + " order by pu.purchased_at desc limit ? offset ?", Purchases::view, status, status, participantId,
                participantId, size, (long) page * size);
    }

    private static String purchasesSql() {
        return """
                select pu.id, pu.participant_id, pu.training_id, t.title, pu.platform_code, pu.price, pu.first_training,
                       pu.status, pu.voucher_code, pu.voucher_expires_at, pu.purchased_at, pu.redeemed_at, pu.progress_percent,
                       pu.completed_at, pu.certificate_number, pu.rating, pu.review_text, pu.reconciled_at
                  from purchase pu join training t on t.id = pu.training_id""";
    }

    /** A completion (or redemption) that reconciliation still waits on, what it lacks and for how long. */
    public record Waiting(UUID purchaseId, UUID participantId, String trainingId, String status, List<String> missing,
            Instant waitingSince, long waitingHours, boolean participantRevoked) {
    }

    @GetMapping("/completions/waiting")
    public List<Waiting> waiting(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Instant now = clock.instant();
        return jdbc.query("""
                select pu.id, pu.participant_id, pu.training_id, pu.status, pu.certificate_number, pu.rating, pu.review_text,
                       coalesce(pu.completed_at, pu.redeemed_at) as since, pa.revoked_at
                  from purchase pu join participant pa on pa.id = pu.participant_id
                 where pu.status in ('REDEEMED', 'IN_PROGRESS', 'COMPLETED')
                   and (pu.certificate_number is not null or pu.rating is not null or pu.review_text is not null)
                 order by since limit ?""", (rs, i) -> {
                    Integer rating = rs.getObject("rating") == null ? null : rs.getInt("rating");
                    Instant since = rs.getTimestamp("since").toInstant();
                    return new Waiting(rs.getObject("id", UUID.class), rs.getObject("participant_id", UUID.class),
                            rs.getString("training_id"), rs.getString("status"),
                            PurchaseView.missing(rs.getString("status"), rs.getString("certificate_number"), rating,
                                    rs.getString("review_text")),
                            since, Duration.between(since, now).toHours(), rs.getTimestamp("revoked_at") != null);
                }, limit);
    }

    /** Purchases that cannot reconcile and why (a refused completion report, or the purchase's state), oldest first. */
    @GetMapping("/reconciliation/mismatches")
    public List<ReconciliationMismatches.Mismatch> mismatches(@RequestParam(required = false) @Size(max = 40) String platform,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return mismatches.oldestFirst(platform, limit, clock.instant());
    }

    @GetMapping(value = "/reconciliation/mismatches.csv", produces = "text/csv")
    public ResponseEntity<String> mismatchesCsv(@RequestParam(required = false) @Size(max = 40) String platform,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"reconciliation-mismatches.csv\"")
                .body(ReconciliationMismatches.csv(mismatches.oldestFirst(platform, limit, clock.instant())));
    }

    @GetMapping("/{trainingId}/evaluation")
    public Evaluations.Evaluation evaluation(@PathVariable @Size(max = 100) String trainingId) {
        catalogue.any(trainingId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "TRAINING_NOT_FOUND", trainingId));
        return evaluations.ofTraining(trainingId);
    }

    @GetMapping("/providers/evaluation")
    public Evaluations.Evaluation providerEvaluation(@RequestParam @NotBlank @Size(max = 200) String provider) {
        return evaluations.ofProvider(provider);
    }

    /** The proof of the books: debits equal credits per transaction and in total; no participant below zero. */
    @GetMapping("/ledger/check")
    public Ledger.Check ledgerCheck() {
        return ledger.check();
    }
}
