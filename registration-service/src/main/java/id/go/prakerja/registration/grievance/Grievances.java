package id.go.prakerja.registration.grievance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.registration.GrievanceAnswered;
import id.go.prakerja.events.registration.GrievanceEscalated;
import id.go.prakerja.events.registration.GrievanceFiled;
import id.go.prakerja.events.registration.GrievanceResolution;
import id.go.prakerja.events.registration.GrievanceResolved;
import id.go.prakerja.events.registration.GrievanceStep;
import id.go.prakerja.registration.grievance.GrievanceRules.Action;
import id.go.prakerja.registration.grievance.GrievanceRules.Status;
import id.go.prakerja.support.audit.AuditTrail;
import id.go.prakerja.support.image.ImageCheck;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.support.web.ProblemException.FieldProblem;

/**
 * Grievances: a participant files one about a step of the programme, operators assign, answer,
 * escalate and resolve it. Every change commits with its event (outbox) and the notices that tell
 * the participant; a change takes the grievance's row lock and follows {@link GrievanceRules}, and
 * filing takes the participant's row lock, so the cap on open grievances holds however many are
 * filed at once.
 */
@Service
public class Grievances {

    private static final Pattern OPERATOR_NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,200}");
    private static final String COLUMNS = "id, participant_id, step, text, status, assigned_to, resolution, filed_at, "
            + "answered_at, escalated_at, resolved_at, updated_at, (select count(*) from grievance_image i where i.grievance_id = g.id)";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final GrievanceImages images;
    private final GrievanceNotices notices;
    private final GrievanceProperties settings;
    private final AuditTrail audit;
    private final Clock clock;

    public Grievances(JdbcTemplate jdbc, Outbox outbox, GrievanceImages images, GrievanceNotices notices,
            GrievanceProperties settings, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.images = images;
        this.notices = notices;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    public record Grievance(UUID id, UUID participantId, GrievanceStep step, String text, Status status, String assignedTo,
            GrievanceResolution resolution, Instant filedAt, Instant answeredAt, Instant escalatedAt, Instant resolvedAt,
            Instant updatedAt, int images) {
    }

    public record Answer(String operator, String text, Instant answeredAt) {
    }

    /** One line of the operators' queue. */
    public record Queued(UUID id, UUID participantId, GrievanceStep step, Status status, String assignedTo, Instant filedAt,
            long waitedHours, AgeBucket age) {
    }

    public record Queue(Instant asOf, long total, Map<AgeBucket, Long> byAge, List<Queued> items) {
    }

    // ---- the participant ------------------------------------------------------------------------

    /** Files a grievance for the participant; 400 for bad input, 409 {@code GRIEVANCE_LIMIT_REACHED} beyond the cap. */
    @Transactional
    public Grievance file(UUID participantId, GrievanceStep step, String text, List<byte[]> pictures) {
        List<FieldProblem> problems = new ArrayList<>();
        if (step == null) {
            problems.add(new FieldProblem("step", "NotNull"));
        }
        GrievanceText.problem(text, settings.textMinLength(), settings.textMaxLength()).ifPresent(code ->
                problems.add(new FieldProblem("text", code, settings.textMinLength(), settings.textMaxLength())));
        if (pictures.size() > settings.maxImages()) {
            problems.add(new FieldProblem("images", "TOO_MANY_IMAGES", settings.maxImages()));
        } else {
            long maxBytes = settings.maxImageSize().toBytes();
            for (int i = 0; i < pictures.size(); i++) {
                int position = i;
                ImageCheck.problem(pictures.get(i), maxBytes).ifPresent(code ->
                        problems.add(new FieldProblem("images[" + position + "]", code, maxBytes / 1024)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", problems);
        }
        // the participant's row lock: concurrent filings count one after the other
        if (jdbc.queryForList("select id from participant where id = ? for no key update", UUID.class, participantId).isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "PARTICIPANT_NOT_FOUND");
        }
        long open = jdbc.queryForObject("select count(*) from grievance where participant_id = ? and status <> 'RESOLVED'",
                Long.class, participantId);
        if (open >= settings.maxOpen()) {
            throw new ProblemException(HttpStatus.CONFLICT, "GRIEVANCE_LIMIT_REACHED", settings.maxOpen());
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.update("""
                insert into grievance (id, participant_id, step, text, status, filed_at, updated_at)
                values (?, ?, ?, ?, 'OPEN', ?, ?)""", id, participantId, step.name(), text.strip(), Timestamp.from(now),
                Timestamp.from(now));
        for (int i = 0; i < pictures.size(); i++) {
            byte[] picture = pictures.get(i);
            images.store(id, i + 1, picture, ImageCheck.type(picture).orElseThrow().mediaType());
        }
        publish(participantId, id, new GrievanceFiled(id, step, pictures.size(), now), now);
        return find(id);
    }

    @Transactional(readOnly = true)
    public List<Grievance> of(UUID participantId) {
        return jdbc.query("select " + COLUMNS + " from grievance g where participant_id = ? order by filed_at desc, id",
                Grievances::grievance, participantId);
    }

    /** The participant's own grievance; another's is as unknown as one that does not exist. */
    @Transactional(readOnly = true)
    public Grievance mine(UUID participantId, UUID id) {
        Grievance grievance = find(id);
        if (!grievance.participantId().equals(participantId)) {
            throw notFound();
        }
        return grievance;
    }

    @Transactional(readOnly = true)
    public GrievanceImages.Image myImage(UUID participantId, UUID id, int position) {
        mine(participantId, id);
        return image(id, position);
    }

    @Transactional(readOnly = true)
    public List<Answer> answers(UUID id) {
        return jdbc.query("select operator, text, answered_at from grievance_answer where grievance_id = ? order by id",
                (rs, i) -> new Answer(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), id);
    }

    // ---- operators ------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Grievance find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from grievance g where id = ?", Grievances::grievance, id).stream()
                .findFirst().orElseThrow(Grievances::notFound);
    }

    @Transactional(readOnly = true)
    public GrievanceImages.Image image(UUID id, int position) {
        return images.read(id, position)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "GRIEVANCE_IMAGE_NOT_FOUND"));
    }

    /**
     * The queue: grievances of the given statuses (every one not resolved when none is given) and
     * step, oldest first, with how many wait in each age bucket.
     */
    @Transactional(readOnly = true)
    public Queue queue(List<Status> statuses, GrievanceStep step, String assignedTo, int limit, int offset) {
        Instant now = clock.instant();
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        List<Status> wanted = statuses == null || statuses.isEmpty()
                ? List.of(Status.OPEN, Status.ANSWERED, Status.ESCALATED) : statuses;
        where.append(" and status in (").append(String.join(", ", wanted.stream().map(s -> "?").toList())).append(")");
        wanted.forEach(s -> args.add(s.name()));
        if (step != null) {
            where.append(" and step = ?");
            args.add(step.name());
        }
        if (assignedTo != null) {
            if (!OPERATOR_NAME.matcher(assignedTo).matches()) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", List.of(new FieldProblem("assignedTo", "Pattern")));
            }
            where.append(" and assigned_to = ?");
            args.add(assignedTo);
        }
        Map<AgeBucket, Long> byAge = new EnumMap<>(AgeBucket.class);
        for (AgeBucket bucket : AgeBucket.values()) {
            byAge.put(bucket, 0L);
        }
        jdbc.query("select filed_at from grievance" + where, rs -> {
            byAge.merge(AgeBucket.of(waited(rs.getTimestamp(1).toInstant(), now)), 1L, Long::sum);
        }, args.toArray());
        List<Object> page = new ArrayList<>(args);
        page.add(limit);
        page.add(offset);
        List<Queued> items = jdbc.query("select id, participant_id, step, status, assigned_to, filed_at from grievance" + where
                + " order by filed_at, id limit ? offset ?", (rs, i) -> {
                    Instant filed = rs.getTimestamp(6).toInstant();
                    Duration waited = waited(filed, now);
                    return new Queued(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), GrievanceStep.valueOf(rs.getString(3)),
                            Status.valueOf(rs.getString(4)), rs.getString(5), filed, waited.toHours(), AgeBucket.of(waited));
                }, page.toArray());
        return new Queue(now, byAge.values().stream().mapToLong(Long::longValue).sum(), byAge, items);
    }

    /** Hands the grievance to an operator: the caller, or the one named. */
    @Transactional
    public Grievance assign(UUID id, String by, String to) {
        String assignee = to == null ? by : to.strip();
        if (!OPERATOR_NAME.matcher(assignee).matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", List.of(new FieldProblem("operator", "Pattern")));
        }
        Grievance before = locked(id, Action.ASSIGN);
        jdbc.update("update grievance set assigned_to = ?, updated_at = ? where id = ?", assignee, Timestamp.from(clock.instant()), id);
        audit.action("GRIEVANCE_ASSIGNED").participant(before.participantId()).change("assignedTo", before.assignedTo(), assignee);
        return find(id);
    }

    /** An answer the participant reads; told by SMS (and e-mail). */
    @Transactional
    public Grievance answer(UUID id, String by, String text) {
        requireText("text", text, 1);
        Grievance before = locked(id, Action.ANSWER);
        Instant now = clock.instant();
        jdbc.update("insert into grievance_answer (grievance_id, operator, text, answered_at) values (?, ?, ?, ?)", id, by,
                text.strip(), Timestamp.from(now));
        jdbc.update("""
                update grievance set status = 'ANSWERED', answered_at = ?, updated_at = ?,
                    assigned_to = coalesce(assigned_to, ?) where id = ?""", Timestamp.from(now), Timestamp.from(now), by, id);
        audit.action("GRIEVANCE_ANSWERED").participant(before.participantId()).change("status", before.status(), Status.ANSWERED);
        publish(before.participantId(), id, new GrievanceAnswered(id, before.step(), now), now);
        notices.answered(before, text.strip(), now);
        return find(id);
    }

    @Transactional
    public Grievance escalate(UUID id, String by, String reason) {
        if (reason != null) {
            requireText("reason", reason, 0);
        }
        Grievance before = locked(id, Action.ESCALATE);
        Instant now = clock.instant();
        jdbc.update("update grievance set status = 'ESCALATED', escalated_at = ?, updated_at = ? where id = ?",
                Timestamp.from(now), Timestamp.from(now), id);
        audit.action("GRIEVANCE_ESCALATED").participant(before.participantId()).reason(reason == null ? null : reason.strip())
                .change("status", before.status(), Status.ESCALATED);
        publish(before.participantId(), id, new GrievanceEscalated(id, before.step(), now), now);
        notices.escalated(before, now);
        return find(id);
    }

    @Transactional
    public Grievance resolve(UUID id, String by, GrievanceResolution resolution, String note) {
        if (resolution == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", List.of(new FieldProblem("resolution", "NotNull")));
        }
        if (note != null) {
            requireText("note", note, 0);
        }
        Grievance before = locked(id, Action.RESOLVE);
        Instant now = clock.instant();
        jdbc.update("""
                update grievance set status = 'RESOLVED', resolution = ?, resolved_at = ?, updated_at = ?,
                    assigned_to = coalesce(assigned_to, ?) where id = ?""", resolution.name(), Timestamp.from(now),
                Timestamp.from(now), by, id);
        audit.action("GRIEVANCE_RESOLVED").participant(before.participantId()).reason(note == null ? null : note.strip())
                .change("status", before.status(), Status.RESOLVED).after("resolution", resolution);
        publish(before.participantId(), id, new GrievanceResolved(id, before.step(), resolution, now), now);
        notices.resolved(before, resolution, now);
        return find(id);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The grievance under its row lock, if {@code action} is allowed in its status; else 409. */
    private Grievance locked(UUID id, Action action) {
        Grievance grievance = jdbc.query("select " + COLUMNS + " from grievance g where id = ? for update", Grievances::grievance, id)
                .stream().findFirst().orElseThrow(Grievances::notFound);
        if (!GrievanceRules.allowed(grievance.status(), action)) {
            throw new ProblemException(HttpStatus.CONFLICT, "GRIEVANCE_TRANSITION_NOT_ALLOWED", action, grievance.status());
        }
        return grievance;
    }

    private void requireText(String field, String text, int minLength) {
        if (minLength == 0 && text.isEmpty()) {
            return;
        }
        GrievanceText.problem(text, minLength, settings.textMaxLength()).ifPresent(code -> {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION",
                    List.of(new FieldProblem(field, code, minLength, settings.textMaxLength())));
        });
    }

    /** Every event of one grievance shares its id as correlation id. */
    private void publish(UUID participantId, UUID grievanceId, DomainEvent event, Instant at) {
        outbox.publish(EventEnvelope.of(event, participantId, grievanceId, null, at));
    }

    private static Duration waited(Instant since, Instant now) {
        Duration waited = Duration.between(since, now);
        return waited.isNegative() ? Duration.ZERO : waited;
    }

    private static ProblemException notFound() {
        return new ProblemException(HttpStatus.NOT_FOUND, "GRIEVANCE_NOT_FOUND");
    }

    private static Grievance grievance(ResultSet rs, int row) throws SQLException {
        return new Grievance(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), GrievanceStep.valueOf(rs.getString(3)),
                rs.getString(4), Status.valueOf(rs.getString(5)), rs.getString(6),
                rs.getString(7) == null ? null : GrievanceResolution.valueOf(rs.getString(7)), instant(rs, 8), instant(rs, 9),
                instant(rs, 10), instant(rs, 11), instant(rs, 12), rs.getInt(13));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
