package id.go.prakerja.registration.wave;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.registration.exclusion.AssistanceExclusions;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.cohort.CohortKeys;
import id.go.prakerja.events.cohort.WaveClosed;
import id.go.prakerja.events.cohort.WaveJoined;
import id.go.prakerja.events.cohort.WaveOpened;
import id.go.prakerja.registration.participant.Participant;
import id.go.prakerja.registration.participant.ParticipantRepository;
import id.go.prakerja.registration.participant.Provinces;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.ProblemException;

/** Creating, opening and closing waves, and joining one. */
@Service
public class Waves {

    private static final Logger log = LoggerFactory.getLogger(Waves.class);

    private final WaveRepository waves;
    private final ParticipantRepository participants;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final AssistanceExclusions exclusions;
    private final SecureRandom random = new SecureRandom();

    public Waves(WaveRepository waves, ParticipantRepository participants, JdbcTemplate jdbc, Outbox outbox, Clock clock,
            AssistanceExclusions exclusions) {
        this.exclusions = exclusions;
        this.waves = waves;
        this.participants = participants;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record NewWave(int number, Instant opensAt, Instant closesAt, long totalQuota, Map<String, Long> quotaByProvince,
            List<PriorityRule> priorityRules, Long seed) {
    }

    @Transactional
    public Wave create(NewWave request) {
        if (waves.existsById(request.number())) {
            throw new ProblemException(HttpStatus.CONFLICT, "WAVE_EXISTS", request.number());
        }
        if (!request.closesAt().isAfter(request.opensAt())) {
            throw fieldProblem("closesAt", "CLOSES_BEFORE_OPENING");
        }
        for (var quota : request.quotaByProvince().entrySet()) {
            if (!Provinces.isProvince(quota.getKey())) {
                throw fieldProblem("quotaByProvince." + quota.getKey(), "UNKNOWN_PROVINCE");
            }
            if (quota.getValue() == null || quota.getValue() < 0) {
                throw fieldProblem("quotaByProvince." + quota.getKey(), "Min");
            }
        }
        // the seed is drawn once and kept, so the same applicants always give the same selection
        long seed = request.seed() != null ? request.seed() : random.nextLong();
        Wave wave = new Wave(request.number(), request.opensAt(), request.closesAt(), request.totalQuota(),
                request.quotaByProvince(), request.priorityRules(), seed, clock.instant());
        log.info("wave {} created: {} to {}, quota {} over {} provinces", wave.number(), wave.opensAt(), wave.closesAt(),
                wave.totalQuota(), wave.quotaByProvince().size());
        return waves.save(wave);
    }

    @Transactional
    public Wave open(int number) {
        Wave wave = find(number);
        if (!wave.open(clock.instant())) {
            throw new ProblemException(HttpStatus.CONFLICT, "WAVE_NOT_SCHEDULED", number);
        }
        outbox.publish(EventEnvelope.of(new WaveOpened(number, wave.opensAt(), wave.closesAt(), wave.totalQuota(),
                wave.quotaByProvince()), CohortKeys.waveKey(number), UUID.randomUUID(), null, clock.instant()));
        log.info("wave {} open", number);
        return wave;
    }

    /** Closes the wave to applicants; selection follows (see {@link SelectionRun}). */
    @Transactional
    public Wave close(int number) {
        Wave wave = find(number);
        if (!wave.close(clock.instant())) {
            throw new ProblemException(HttpStatus.CONFLICT, "WAVE_NOT_OPEN", number);
        }
        outbox.publish(EventEnvelope.of(new WaveClosed(number, wave.opensAt(), wave.closesAt(), wave.totalQuota(),
                wave.quotaByProvince()), CohortKeys.waveKey(number), UUID.randomUUID(), null, clock.instant()));
        log.info("wave {} closed", number);
        return wave;
    }

    @Transactional
    public void join(UUID participantId, int number) {
        Instant now = clock.instant();
        Participant participant = participants.findById(participantId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PARTICIPANT_NOT_FOUND"));
        switch (participant.status()) {
            case VERIFIED -> { }
            case SELECTED -> throw new ProblemException(HttpStatus.CONFLICT, "ALREADY_SELECTED");
            case REVOKED -> throw new ProblemException(HttpStatus.FORBIDDEN, "PARTICIPATION_REVOKED");
            default -> throw new ProblemException(HttpStatus.CONFLICT, "NOT_VERIFIED");
        }
        if (Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from wave_application where participant_id = ? "
                + "and status = 'SELECTED')", Boolean.class, participantId))) {
            throw new ProblemException(HttpStatus.CONFLICT, "ALREADY_SELECTED"); // decided, not yet announced
        }
        // locked from here to the insert, so the wave cannot close and be decided in between
        // (which would leave this application WAITING in a decided wave)
        Wave wave = waves.findForJoining(number)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "WAVE_NOT_FOUND", number));
        if (!wave.acceptsApplicationsAt(now)) {
            throw new ProblemException(HttpStatus.CONFLICT, "WAVE_NOT_OPEN", number);
        }
        if (wave.quotaByProvince().getOrDefault(participant.provinceCode(), 0L) <= 0) {
            throw new ProblemException(HttpStatus.CONFLICT, "PROVINCE_NOT_IN_WAVE", participant.provinceCode());
        }
        if (exclusions.excludedFrom(participant.nikHash(), number)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "SOCIAL_ASSISTANCE_RECIPIENT", number);
        }
        int inserted = jdbc.update("""
                insert into wave_application (wave_number, participant_id, province, priority, applied_at, status)
                values (?, ?, ?, ?, ?, 'WAITING')
                on conflict do nothing
                """, number, participantId, participant.provinceCode(),
                PriorityRule.priorityOf(wave.priorityRules(), participant.jobStatus()), Timestamp.from(now));
        if (inserted == 1) {
            // in the same transaction as the application: the operators' funnel counts it
            outbox.publish(EventEnvelope.of(new WaveJoined(number, participant.provinceCode(), now), participantId,
                    UUID.randomUUID(), null, now));
        } else {
            Boolean sameWave = jdbc.queryForObject("select exists (select 1 from wave_application where wave_number = ? "
                    + "and participant_id = ? and status = 'WAITING')", Boolean.class, number, participantId);
            if (!Boolean.TRUE.equals(sameWave)) {
                throw new ProblemException(HttpStatus.CONFLICT, "ALREADY_WAITING");
            }
            // joining twice is joining once
        }
    }

    public Wave find(int number) {
        return waves.findById(number).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "WAVE_NOT_FOUND", number));
    }

    private static ProblemException fieldProblem(String field, String code) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", List.of(new ProblemException.FieldProblem(field, code)));
    }
}
