package id.go.prakerja.training.completion;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.training.TrainingRated;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.catalogue.CatalogueChanges;
import id.go.prakerja.training.config.TrainingProperties;

/**
 * A participant's rating (1-5) and review of a training they attend: one each per purchase,
 * changeable for {@code prakerja.training.review-editable-for} after first given. Given once the
 * voucher is redeemed, so a rating may come before the platform's completion report; whichever of
 * the three comes last reconciles. A changed rating is not announced again: {@code TrainingRated}
 * marks the step (its reader, the console's funnel, counts the first one), while the training's
 * average, its evaluation and the provider's read the current rating.
 */
@Component
public class Feedback {

    private static final List<String> RATEABLE = List.of("REDEEMED", "IN_PROGRESS", "COMPLETED", "RECONCILED");

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Reconciliation reconciliation;
    private final TrainingProperties settings;
    private final CatalogueChanges catalogueChanges;
    private final Clock clock;

    public Feedback(JdbcTemplate jdbc, Outbox outbox, Reconciliation reconciliation, TrainingProperties settings,
            CatalogueChanges catalogueChanges, Clock clock) {
        this.catalogueChanges = catalogueChanges;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.reconciliation = reconciliation;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public void rate(UUID participantId, UUID purchaseId, int rating) {
        Map<String, Object> p = lockedForFeedback(participantId, purchaseId, "rated_at");
        Integer old = p.get("rating") == null ? null : ((Number) p.get("rating")).intValue();
        Instant now = clock.instant();
        jdbc.update("update purchase set rating = ?, rated_at = coalesce(rated_at, ?) where id = ?", rating,
                Timestamp.from(now), purchaseId);
        jdbc.update("update training set rating_sum = rating_sum + ?, rating_count = rating_count + ? where id = ?",
                rating - (old == null ? 0 : old), old == null ? 1 : 0, p.get("training_id"));
        catalogueChanges.changed();
        if (old == null) {
            outbox.publish(EventEnvelope.of(new TrainingRated(purchaseId, rating, (Boolean) p.get("first_training"), now),
                    participantId, purchaseId, null, now));
        }
        reconciliation.reconcileIfComplete(purchaseId, now);
    }

    @Transactional
    public void review(UUID participantId, UUID purchaseId, String text) {
        String review = text == null ? "" : text.strip();
        if (review.length() < settings.minReviewLength() || review.length() > settings.maxReviewLength()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "REVIEW_LENGTH", settings.minReviewLength(),
                    settings.maxReviewLength());
        }
        Map<String, Object> p = lockedForFeedback(participantId, purchaseId, "reviewed_at");
        Instant now = clock.instant();
        jdbc.update("update purchase set review_text = ?, reviewed_at = coalesce(reviewed_at, ?) where id = ?", review,
                Timestamp.from(now), purchaseId);
        if (p.get("review_text") == null) {
            jdbc.update("update training set review_count = review_count + 1 where id = ?", p.get("training_id"));
            catalogueChanges.changed();
        }
        reconciliation.reconcileIfComplete(purchaseId, now);
    }

    private Map<String, Object> lockedForFeedback(UUID participantId, UUID purchaseId, String givenAtColumn) {
        Map<String, Object> p = jdbc.queryForList("""
                select pu.status, pu.training_id, pu.rating, pu.review_text, pu.rated_at, pu.reviewed_at, pu.first_training,
                       pu.participant_id, pa.revoked_at
                  from purchase pu join participant pa on pa.id = pu.participant_id
                 where pu.id = ? and pu.participant_id = ? for update of pu""", purchaseId, participantId)
                .stream().findFirst()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PURCHASE_NOT_FOUND", purchaseId));
        if (p.get("revoked_at") != null) {
            throw new ProblemException(HttpStatus.CONFLICT, "PARTICIPANT_REVOKED");
        }
        if (!RATEABLE.contains(p.get("status"))) {
            throw new ProblemException(HttpStatus.CONFLICT, "NOT_YET_ATTENDED");
        }
        Timestamp given = (Timestamp) p.get(givenAtColumn);
        if (given != null && clock.instant().isAfter(given.toInstant().plus(settings.reviewEditableFor()))) {
            throw new ProblemException(HttpStatus.CONFLICT, "FEEDBACK_LOCKED");
        }
        return p;
    }
}
