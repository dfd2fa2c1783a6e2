package id.go.prakerja.incentive.tranche;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.incentive.integrity.IntegritySignals;

/** Builds {@link IncentiveView}: the stored tranches, and the ones the rules still promise. */
@Service
public class IncentiveViews {

    private final JdbcTemplate jdbc;
    private final TrancheOutcomes outcomes;
    private final IncentiveProperties settings;
    private final MessageSource messages;
    private final IntegritySignals integrity;
    private final Clock clock;

    public IncentiveViews(JdbcTemplate jdbc, TrancheOutcomes outcomes, IncentiveProperties settings, MessageSource messages,
            IntegritySignals integrity, Clock clock) {
        this.jdbc = jdbc;
        this.integrity = integrity;
        this.outcomes = outcomes;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    record Row(String kind, int sequence, long amount, Instant due, String status, String instructionId, String partner,
            Instant requestedAt, String partnerReference, Instant paidAt, String failureReason, Boolean retryAfterAccount,
            UUID linkId, Instant inDoubtSince, String heldReason) {
    }

    record Account(UUID linkId, String status) {
    }

    @Transactional(readOnly = true)
    public IncentiveView of(UUID participantId, Locale locale) {
        var participant = jdbc.query("select entitled_at, revoked_at from participant where participant_id = ?",
                (rs, i) -> new Instant[] {instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))}, participantId);
        Instant entitledAt = participant.isEmpty() ? null : participant.getFirst()[0];
        boolean revoked = !participant.isEmpty() && participant.getFirst()[1] != null;
        Account account = jdbc.query("""
                select link_id, status from payout_account where participant_id = ? order by requested_at desc, link_id limit 1""",
                (rs, i) -> new Account(rs.getObject(1, UUID.class), rs.getString(2)), participantId).stream().findFirst()
                .orElse(new Account(null, "NONE"));
        Map<String, Row> rows = new HashMap<>();
        jdbc.query("""
                select kind, sequence, amount, due_at, status, instruction_id, partner, requested_at, partner_reference,
                       paid_at, failure_reason, retry_after_account, link_id, in_doubt_since, held_reason
                  from tranche where participant_id = ?""", rs -> {
            Row r = new Row(rs.getString(1), rs.getInt(2), rs.getLong(3), instant(rs.getTimestamp(4)), rs.getString(5),
                    rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)), rs.getString(9),
                    instant(rs.getTimestamp(10)), rs.getString(11), (Boolean) rs.getObject(12), rs.getObject(13, UUID.class),
                    instant(rs.getTimestamp(14)), rs.getString(15));
            rows.put(r.kind() + ":" + r.sequence(), r);
        }, participantId);
        Instant now = clock.instant();
        String hold = revoked ? null : integrity.holdOf(participantId).orElse(null);
        String holdMessage = hold == null ? null : messages.getMessage("incentive.held." + hold, null, hold, locale);
        List<IncentiveView.Tranche> post = new ArrayList<>();
        List<IncentiveView.Tranche> surveys = new ArrayList<>();
        long received = 0;
        long toCome = 0;
        long inFlight = 0;
        for (IncentiveKind kind : IncentiveKind.values()) {
            long amount = kind == IncentiveKind.POST_TRAINING ? settings.postTrainingAmount() : settings.surveyAmount();
            for (int n = 1; n <= kind.maxSequence(); n++) {
                Row row = rows.get(kind + ":" + n);
                IncentiveView.Tranche tranche;
                if (row == null) {
                    String status = revoked ? "CANCELLED"
                            : kind == IncentiveKind.POST_TRAINING ? "WAITING_FOR_TRAINING" : "WAITING_FOR_SURVEY";
                    tranche = new IncentiveView.Tranche(kind.name(), n, amount, null, status, null, null, null, null, null,
                            null, null);
                    if (!revoked) {
                        toCome += amount;
                    }
                } else {
                    String status = revoked && List.of("SCHEDULED", "FAILED", "HELD").contains(row.status()) ? "CANCELLED"
                            : hold != null && List.of("SCHEDULED", "FAILED").contains(row.status()) ? "HELD"
                            : status(row, account, now);
                    String todo = switch (status) {
                        case "HELD" -> holdMessage != null ? holdMessage
                                : IntegritySignals.HELD_REASON.equals(row.heldReason())
                                        ? messages.getMessage("incentive.held." + IntegritySignals.HELD_REASON, null, locale) : null;
                        case "FAILED" -> outcomes.todo(row.failureReason(), Boolean.TRUE.equals(row.retryAfterAccount()), locale);
                        case "WAITING_FOR_ACCOUNT" -> messages.getMessage("incentive.waiting-for-account", null, locale);
                        case "REQUESTED" -> row.inDoubtSince() == null ? null
                                : messages.getMessage("incentive.payment-in-doubt", null, locale);
                        default -> null;
                    };
                    tranche = new IncentiveView.Tranche(kind.name(), n, row.amount(), row.due(), status, row.instructionId(),
                            row.partner(), row.requestedAt(), row.partnerReference(), row.paidAt(), row.failureReason(), todo);
                    if (status.equals("PAID")) {
                        received += row.amount();
                    } else if (!status.equals("CANCELLED")) {
                        toCome += row.amount();
                        if (status.equals("REQUESTED")) {
                            inFlight += row.amount();
                        }
                    }
                }
                (kind == IncentiveKind.POST_TRAINING ? post : surveys).add(tranche);
            }
        }
        return new IncentiveView(entitledAt, revoked, account.status(), post, surveys,
                new IncentiveView.Totals(received, toCome, inFlight), hold, holdMessage);
    }

    private static String status(Row row, Account account, Instant now) {
        boolean verified = "VERIFIED".equals(account.status());
        return switch (row.status()) {
            case "SCHEDULED" -> !row.due().isAfter(now) && !verified ? "WAITING_FOR_ACCOUNT" : "SCHEDULED";
            case "FAILED" -> Boolean.TRUE.equals(row.retryAfterAccount()) && verified
                    && !account.linkId().equals(row.linkId()) ? "SCHEDULED" : "FAILED";
            default -> row.status();
        };
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
